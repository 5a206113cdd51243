//! Building a checked [`Catalog`] from its parsed files: the catalog's
//! identity, its inputs, derived facts and functions, then its policies
//! ([`super::policy`]) and exclusive groups. Each part reports its problems
//! and goes on, so that one run lists every problem of the catalog.

use super::canonical::hash;
use super::load::{check_cost, choices, Loader};
use super::policy::build_policy;
use super::shared::{report_unused, shared, Shared};
use super::*;
use crate::error::ProblemKind;
use crate::expression::{self, CodeKind, FnSig, Function, Scope, Sym};
use std::collections::BTreeSet;

/// The parsed files, each with its index in the loader's file list.
pub(super) type Parsed = [(usize, raw::File)];

/// The whole catalog, or `None` when something is wrong (the loader then
/// holds every problem found).
pub(super) fn build(l: &mut Loader, parsed: &Parsed, data: &[(&str, &serde_json::Value)]) -> Option<Catalog> {
    let info = catalog_info(l, parsed);
    let mut scope = Scope { as_of: true, ..Scope::default() };
    let inputs = inputs(l, parsed, &mut scope);
    let declared = declare_derived(l, parsed, &mut scope);
    let (functions, sizes) = functions(l, parsed, &mut scope);
    let derived = derived(l, &declared, &scope, &sizes);
    let derived_order = order_derived(l, &derived, declared.first().map_or(0, |d| d.0));
    let shared = shared(l, parsed, &scope);
    let policies = policies(l, parsed, &scope, &shared, &sizes);
    report_unused(l, parsed, &shared);
    let exclusive = exclusive_groups(l, parsed);
    let ask_together = ask_together(l, parsed, &inputs);
    let mut info = info?;
    info.hash = hash(data);
    Some(Catalog::assemble(info, inputs, derived, derived_order, functions, policies, exclusive, ask_together))
}

/// The one `[catalog]` table of all the files.
fn catalog_info(l: &mut Loader, parsed: &Parsed) -> Option<CatalogInfo> {
    let infos: Vec<(usize, &raw::Info)> = parsed.iter().filter_map(|(f, p)| p.catalog.as_ref().map(|i| (*f, i))).collect();
    if infos.len() != 1 {
        let file = infos.get(1).map_or(0, |(f, _)| *f);
        if !l.files.is_empty() {
            l.push(file, None, "[catalog]", ProblemKind::CatalogInfo { found: infos.len() });
        }
    }
    infos.first().map(|(_, i)| CatalogInfo {
        id: i.id.clone(),
        version: i.version.clone(),
        title: i.title.clone(),
        published: i.published,
        hash: String::new(),
        note: i.note.clone(),
    })
}

/// The expression type an input of `kind` has; an enum's options become a
/// list of the scope's.
fn input_type(l: &mut Loader, file: usize, ctx: &str, kind: InputKind, input: &raw::Input, scope: &mut Scope) -> Type {
    match kind {
        InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio => Type::Number,
        InputKind::Boolean => Type::Bool,
        InputKind::Date => Type::Date,
        InputKind::Text | InputKind::CreditCode => Type::Text,
        InputKind::IndustryCode => Type::Code(CodeKind::Industry),
        InputKind::RegionCode => Type::Code(CodeKind::Region),
        InputKind::Enum => {
            if input.options.is_empty() {
                l.invalid(file, ctx, "options", "an enum input needs options");
            }
            scope.enums.push(input.options.iter().map(|o| o.value.clone()).collect());
            Type::Enum((scope.enums.len() - 1) as u16)
        }
    }
}

/// Inputs and their option lists, declared in `scope` in file order.
fn inputs(l: &mut Loader, parsed: &Parsed, scope: &mut Scope) -> Vec<InputDef> {
    let mut inputs = Vec::new();
    for (file, p) in parsed {
        for input in &p.input {
            let ctx = format!("input {}", input.key);
            if scope.names.contains_key(&input.key) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "input".into(), name: input.key.clone() });
                continue;
            }
            let Some(kind) = InputKind::parse(&input.kind) else {
                let detail = format!("`{}` is not one of: {}", input.kind, InputKind::NAMES.join(", "));
                l.invalid(*file, &ctx, "type", detail);
                continue;
            };
            let ty = input_type(l, *file, &ctx, kind, input, scope);
            let min = input.min.as_ref().and_then(|s| l.number(*file, &ctx, s));
            let max = input.max.as_ref().and_then(|s| l.number(*file, &ctx, s));
            let default = input.default.as_ref().and_then(|s| l.constant(*file, &ctx, s, ty, &scope.enums));
            if default.is_some() && input.default_basis.is_none() {
                l.invalid(*file, &ctx, "default_basis", "a default must say which rule of law supplies it");
            }
            scope.names.insert(input.key.clone(), Sym::Input(inputs.len() as u16, ty));
            inputs.push(InputDef {
                key: input.key.clone(),
                kind,
                label: input.label.clone(),
                help: input.help.clone(),
                unit: input.unit.clone(),
                group: input.group.clone(),
                min,
                max,
                options: choices(&input.options),
                default,
                default_basis: input.default_basis.clone(),
            });
        }
    }
    inputs
}

/// Every derived fact's name and type, declared before any formula is read,
/// so that their order in the files does not matter.
fn declare_derived<'p>(l: &mut Loader, parsed: &'p Parsed, scope: &mut Scope) -> Vec<(usize, &'p raw::Derived, Type)> {
    let mut declared = Vec::new();
    for (file, p) in parsed {
        for d in &p.derived {
            let ctx = format!("derived {}", d.key);
            if scope.names.contains_key(&d.key) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "variable".into(), name: d.key.clone() });
                continue;
            }
            let ty = match d.kind.as_str() {
                "number" => Type::Number,
                "boolean" => Type::Bool,
                "date" => Type::Date,
                "enum" => {
                    scope.enums.push(d.options.iter().map(|o| o.value.clone()).collect());
                    Type::Enum((scope.enums.len() - 1) as u16)
                }
                other => {
                    l.invalid(*file, &ctx, "type", format!("`{other}` is not one of: number, boolean, date, enum"));
                    continue;
                }
            };
            scope.names.insert(d.key.clone(), Sym::Derived(declared.len() as u16, ty));
            declared.push((*file, d, ty));
        }
    }
    declared
}

/// Functions: pure, over their parameters and earlier functions; with the
/// expanded size of each (see [`expression::MAX_EXPANDED`]).
fn functions(l: &mut Loader, parsed: &Parsed, scope: &mut Scope) -> (Vec<Function>, Vec<u64>) {
    let mut functions = Vec::new();
    let mut sizes: Vec<u64> = Vec::new();
    for (file, p) in parsed {
        for f in &p.function {
            let ctx = format!("function {}", f.name);
            if scope.functions.iter().any(|s| s.name == f.name) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "function".into(), name: f.name.clone() });
                continue;
            }
            let Some((sig, fscope)) = signature(l, *file, &ctx, f, scope) else { continue };
            if let Some((body, _)) = l.expr(*file, &ctx, &f.body, &fscope, Some(sig.ret)) {
                sizes.push(check_cost(l, *file, &ctx, "body", [&body], &sizes));
                scope.functions.push(sig);
                functions.push(Function { name: f.name.clone(), body });
            }
        }
    }
    (functions, sizes)
}

/// A function's signature, and the scope its body sees: its parameters,
/// the catalog's option lists and the functions declared before it.
fn signature(l: &mut Loader, file: usize, ctx: &str, f: &raw::Function, scope: &Scope) -> Option<(FnSig, Scope)> {
    let type_of = |name: &str| -> Option<Type> {
        match name.trim() {
            "number" => Some(Type::Number),
            "boolean" => Some(Type::Bool),
            "date" => Some(Type::Date),
            "text" => Some(Type::Text),
            other => match scope.names.get(other) {
                Some(Sym::Input(_, t) | Sym::Derived(_, t)) => Some(*t),
                _ => None,
            },
        }
    };
    let mut fscope = Scope { enums: scope.enums.clone(), functions: scope.functions.clone(), ..Scope::default() };
    let mut params = Vec::new();
    let mut ok = true;
    for (i, p) in f.params.iter().enumerate() {
        match p.split_once(':').and_then(|(n, t)| Some((n.trim().to_string(), type_of(t)?))) {
            Some((n, t)) => {
                fscope.names.insert(n, Sym::Local(i as u16, t));
                params.push(t);
            }
            None => {
                let detail = format!("`{p}` should read `name: type` (number, boolean, date, text, or a variable's name)");
                l.invalid(file, ctx, "params", detail);
                ok = false;
            }
        }
    }
    let Some(ret) = type_of(&f.returns) else {
        l.invalid(file, ctx, "returns", format!("`{}` is not a type", f.returns));
        return None;
    };
    ok.then(|| (FnSig { name: f.name.clone(), params, ret }, fscope))
}

/// The derived facts' formulas, checked now that every name is declared.
fn derived(l: &mut Loader, declared: &[(usize, &raw::Derived, Type)], scope: &Scope, sizes: &[u64]) -> Vec<DerivedDef> {
    let mut derived = Vec::new();
    for (file, d, ty) in declared {
        let ctx = format!("derived {}", d.key);
        let expr = l.expr(*file, &ctx, &d.formula, scope, Some(*ty)).map(|(e, _)| e);
        check_cost(l, *file, &ctx, "formula", &expr, sizes);
        derived.push(DerivedDef {
            key: d.key.clone(),
            label: d.label.clone(),
            options: choices(&d.options),
            basis: d.basis.clone(),
            unconfirmed: d.unconfirmed.clone(),
            expr: expr.unwrap_or(Expr::Const(Value::Bool(false))),
        });
    }
    derived
}

/// An order in which every derived fact comes after the facts it reads; a
/// circle is a problem.
fn order_derived(l: &mut Loader, derived: &[DerivedDef], file: usize) -> Vec<u16> {
    let deps: Vec<BTreeSet<u16>> = derived
        .iter()
        .map(|d| {
            let mut s = BTreeSet::new();
            d.expr.walk(&mut |e| {
                if let Expr::Derived(i) = e {
                    s.insert(*i);
                }
            });
            s
        })
        .collect();
    let mut order = Vec::new();
    let mut state = vec![0u8; derived.len()]; // 0 new, 1 visiting, 2 done
    fn visit(i: usize, deps: &[BTreeSet<u16>], state: &mut [u8], order: &mut Vec<u16>, stack: &mut Vec<usize>) -> Option<Vec<usize>> {
        match state[i] {
            2 => return None,
            1 => {
                let start = stack.iter().position(|s| *s == i).unwrap_or(0);
                let mut cycle = stack[start..].to_vec();
                cycle.push(i);
                return Some(cycle);
            }
            _ => {}
        }
        state[i] = 1;
        stack.push(i);
        for d in &deps[i] {
            if let Some(c) = visit(usize::from(*d), deps, state, order, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state[i] = 2;
        order.push(i as u16);
        None
    }
    for i in 0..derived.len() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(i, &deps, &mut state, &mut order, &mut stack) {
            let names = cycle.iter().map(|c| derived[*c].key.clone()).collect();
            l.push(file, None, "derived", ProblemKind::Cycle { names });
            return Vec::new();
        }
    }
    order
}

/// Every policy, each id once, each within the evaluation bound.
fn policies(l: &mut Loader, parsed: &Parsed, scope: &Scope, shared: &Shared, sizes: &[u64]) -> Vec<Policy> {
    let mut policies = Vec::new();
    let mut ids = BTreeSet::new();
    for (file, p) in parsed {
        for raw in &p.policy {
            let ctx = format!("policy {}", raw.id);
            if !ids.insert(raw.id.clone()) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "policy".into(), name: raw.id.clone() });
                continue;
            }
            if let Some(policy) = build_policy(l, *file, raw, scope, shared) {
                let exprs = policy.conditions.iter().map(|c| &c.expr).chain(policy.steps.iter().map(|s| &s.expr)).chain([&policy.amount]);
                check_cost(l, *file, &ctx, "amount", exprs, sizes);
                policies.push(policy);
            }
        }
    }
    policies
}

/// Questions that ask several yes/no inputs at once: each input exists, is
/// yes/no, and is asked in one such question only.
fn ask_together(l: &mut Loader, parsed: &Parsed, inputs: &[InputDef]) -> Vec<AskTogether> {
    let mut groups: Vec<AskTogether> = Vec::new();
    for (file, p) in parsed {
        for g in &p.ask_together {
            let ctx = format!("ask_together {}", g.key);
            if groups.iter().any(|x| x.key == g.key) || inputs.iter().any(|i| i.key == g.key) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "question".into(), name: g.key.clone() });
                continue;
            }
            if g.inputs.len() + g.presence.len() < 2 {
                l.invalid(*file, &ctx, "inputs", "a question asked together names at least two inputs");
            }
            let mut taken: Vec<u16> = groups.iter().flat_map(|x| x.inputs.iter().copied().chain(x.presence.iter().map(|p| p.input))).collect();
            let mut slot_of = |l: &mut Loader, field: &str, key: &str, fits: fn(&InputDef) -> bool, what: &str| -> Option<u16> {
                match inputs.iter().position(|i| i.key == key) {
                    None => {
                        let detail = match expression::suggest_name(key, inputs.iter().map(|i| i.key.as_str())) {
                            Some(s) => format!("no input `{key}` (did you mean `{s}`?)"),
                            None => format!("no input `{key}`"),
                        };
                        l.invalid(*file, &ctx, field, detail);
                        None
                    }
                    Some(i) if !fits(&inputs[i]) => {
                        l.invalid(*file, &ctx, field, format!("`{key}` is not {what}"));
                        None
                    }
                    Some(i) if taken.contains(&(i as u16)) => {
                        l.invalid(*file, &ctx, field, format!("`{key}` is already asked together with others"));
                        None
                    }
                    Some(i) => {
                        taken.push(i as u16);
                        Some(i as u16)
                    }
                }
            };
            let mut slots: Vec<u16> = Vec::new();
            let mut labels: Vec<Option<Text>> = Vec::new();
            for item in &g.inputs {
                if let Some(slot) = slot_of(l, "inputs", item.key(), |d| d.kind == InputKind::Boolean, "a yes/no input") {
                    slots.push(slot);
                    labels.push(match item {
                        raw::Item::Key(_) => None,
                        raw::Item::Labelled { label, .. } => Some(label.clone()),
                    });
                }
            }
            // A number asked by whether there is any must admit 0.
            let counts = |d: &InputDef| {
                matches!(d.kind, InputKind::Money | InputKind::Number | InputKind::Integer) && d.min.is_none_or(|m| m <= rust_decimal::Decimal::ZERO)
            };
            let presence: Vec<Presence> = g
                .presence
                .iter()
                .filter_map(|p| slot_of(l, "presence", &p.input, counts, "a number that can be 0").map(|input| Presence { input, label: p.label.clone() }))
                .collect();
            groups.push(AskTogether { key: g.key.clone(), label: g.label.clone(), help: g.help.clone(), inputs: slots, labels, presence });
        }
    }
    groups
}

/// Exclusive groups: every member exists, and belongs to one group only.
fn exclusive_groups(l: &mut Loader, parsed: &Parsed) -> Vec<ExclusiveGroup> {
    // Every policy written, including any that had problems of its own: the
    // group is not at fault for those.
    let ids: BTreeSet<&str> = parsed.iter().flat_map(|(_, p)| p.policy.iter().map(|r| r.id.as_str())).collect();
    let mut exclusive: Vec<ExclusiveGroup> = Vec::new();
    for (file, p) in parsed {
        for g in &p.exclusive {
            let ctx = format!("exclusive {}", g.id);
            if exclusive.iter().any(|x| x.id == g.id) {
                l.push(*file, None, &ctx, ProblemKind::Duplicate { what: "exclusive group".into(), name: g.id.clone() });
                continue;
            }
            if g.policies.len() < 2 {
                l.invalid(*file, &ctx, "policies", "an exclusive group names at least two policies");
            }
            for id in &g.policies {
                if !ids.contains(&id.as_str()) {
                    let detail = match expression::suggest_name(id, ids.iter().copied()) {
                        Some(s) => format!("no policy `{id}` (did you mean `{s}`?)"),
                        None => format!("no policy `{id}`"),
                    };
                    l.invalid(*file, &ctx, "policies", detail);
                } else if exclusive.iter().any(|x| x.policies.contains(id)) || g.policies.iter().filter(|p| *p == id).count() > 1 {
                    l.invalid(*file, &ctx, "policies", format!("`{id}` is already in an exclusive group"));
                }
            }
            exclusive.push(ExclusiveGroup { id: g.id.clone(), policies: g.policies.clone(), rule: g.rule.clone(), basis: g.basis.clone() });
        }
    }
    exclusive
}
