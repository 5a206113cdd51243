//! Small catalogs written for a test: the `[catalog]` table with the inputs
//! a test reads, and a policy with the fields every policy needs.

/// `[catalog]` and one `[[input]]` per `(key, type, label)`.
pub fn catalog_head(inputs: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("[catalog]\nid = \"t\"\nversion = \"1\"\ntitle = \"t\"\n");
    for (key, kind, label) in inputs {
        s.push_str(&format!("\n[[input]]\nkey = \"{key}\"\ntype = \"{kind}\"\ngroup = \"g\"\nlabel = \"{label}\"\n"));
    }
    s
}

/// A policy `id` paying `amount`, citing one document `d`; its conditions
/// (and anything else of it) follow in `rest`.
pub fn policy_with(id: &str, amount: &str, rest: &str) -> String {
    format!(
        r#"
[[policy]]
id = "{id}"
name = "{id}"
category = "subsidy"
level = "national"
valid_from = 2020-01-01
delivery = {{ mode = "apply" }}
amount = "{amount}"
[[policy.document]]
key = "d"
title = "t"
number = "n"
issuer = "i"
evidence = "official"
{rest}"#
    )
}

/// A policy `id` paying `amount` under one condition `c`: `when`.
pub fn policy_toml(id: &str, amount: &str, when: &str) -> String {
    policy_with(id, amount, &format!("[[policy.condition]]\nid = \"c\"\ntext = \"c\"\nwhen = \"{when}\"\ncite = \"一\"\n"))
}
