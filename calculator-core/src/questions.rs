//! 条件预校验: which inputs still matter, most decisive first.

use crate::catalog::{Catalog, Choice, InputKind};
use crate::decide::{Options, Plan};
use crate::i18n::Lang;
use crate::profile::Profile;
use serde::Serialize;

/// One question to ask next.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Question {
    /// Profile key.
    pub key: String,
    /// The question, in the requested language.
    pub label: String,
    /// Help text.
    pub help: Option<String>,
    /// Kind of answer.
    pub kind: InputKind,
    /// Unit.
    pub unit: Option<String>,
    /// Step group (`basic`, `tax`, `qualification`, `employment`).
    pub group: String,
    /// Options of an enum input.
    pub options: Vec<Choice>,
    /// Policies whose outcome this answer helps decide.
    pub policies: Vec<String>,
}

/// The inputs still needed to decide the open policies, ordered so that the
/// answers decide the most open policies first (ties: catalog order).
///
/// Only questions that matter are returned: an input that no undecided
/// policy needs is not asked.
pub fn questions(catalog: &Catalog, profile: &Profile, options: &Options) -> Vec<Question> {
    // The lean decisions: only what is missing matters here.
    let decided = Plan::new(catalog, options).decide_all(profile);
    let mut wanted: Vec<Vec<String>> = vec![Vec::new(); catalog.inputs.len()];
    for (p, d) in catalog.policies.iter().zip(&decided.decisions) {
        // `missing` is given for `needs_input` decisions only.
        for &slot in &d.missing {
            if let Some(w) = wanted.get_mut(usize::from(slot)) {
                w.push(p.id.clone());
            }
        }
    }
    let mut order: Vec<usize> = (0..catalog.inputs.len()).filter(|i| !wanted[*i].is_empty()).collect();
    crate::order::sort_by_key(&mut order, |i| std::cmp::Reverse(wanted[*i].len()));
    let lang: Lang = options.lang;
    order
        .into_iter()
        .map(|i| {
            let d = &catalog.inputs[i];
            Question {
                key: d.key.clone(),
                label: d.label.get(lang).to_string(),
                help: d.help.as_ref().map(|h| h.get(lang).to_string()),
                kind: d.kind,
                unit: d.unit.clone(),
                group: d.group.clone(),
                options: d.options.clone(),
                policies: std::mem::take(&mut wanted[i]),
            }
        })
        .collect()
}
