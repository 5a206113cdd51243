//! 条件预校验: what to ask next, so that a clerk learns where she stands with
//! the fewest answers.
//!
//! The planner asks, in this order:
//! 1. **What decides the open policies**, the question most likely to decide
//!    the most of them first. For each input an open policy still misses,
//!    it tries the answers that input can give — yes and no, each option,
//!    for a number a value on either side of every threshold the catalog
//!    compares it with ([`values`]) — and counts, over those answers taken
//!    as equally likely, how many open policies each would decide. That
//!    expected count orders the questions (ties: the catalog's order). The
//!    entity type, the region and the certificates an enterprise holds come
//!    first because one answer to them rules whole families of policies in
//!    or out; a figure that only matters together with two others comes
//!    later.
//! 2. **What computes the amount** of a policy already eligible, most
//!    policies first.
//!
//! Inputs the catalog asks together (`[[ask_together]]`) are one question,
//! `multi_select`, that counts as one answer: ticking sets each listed
//! yes/no input true, leaving it unticked sets it false; a number it asks by
//! whether there is any (`presence`: 研发费用, 残疾人职工) is 0 when unticked
//! and asked for its value when ticked. Its expected count is the sum of its
//! inputs'.
//!
//! Cost: one lean decision of each open policy per tried answer of each
//! input it misses (a few hundred policy decisions for an empty profile of
//! the default catalog); [`Planner`] prepares the tried answers once. The
//! order is deterministic: no clock, no randomness, exact decimals.

mod values;

pub(crate) use values::tried as tried_values;

use crate::catalog::{Catalog, Choice, InputKind};
use crate::decide::{derive, Options, Plan, Scratch, Status};
use crate::expression::Value;
use crate::i18n::Lang;
use crate::profile::{validate, Profile};
use serde::{Serialize, Serializer};

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// One input's value.
    Input(InputKind),
    /// Several yes/no inputs at once: tick those that hold.
    MultiSelect,
}

impl Serialize for QuestionKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            QuestionKind::Input(kind) => kind.serialize(s),
            QuestionKind::MultiSelect => s.serialize_str("multi_select"),
        }
    }
}

/// Why a question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Its answer decides whether some policy applies.
    Decide,
    /// Its answer computes the amount of a policy that already applies.
    Amount,
}

/// One question to ask next.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Question {
    /// The profile key; for a multi-select, the key of the question itself.
    pub key: String,
    /// The question, in the requested language.
    pub label: String,
    /// Help text.
    pub help: Option<String>,
    /// Kind of answer.
    pub kind: QuestionKind,
    /// Unit.
    pub unit: Option<String>,
    /// Step group (`basic`, `tax`, `qualification`, `employment`, …).
    pub group: String,
    /// Options of an enum input; for a multi-select, one per input it
    /// answers (the value is the input's key).
    pub options: Vec<Choice>,
    /// The inputs the answer sets: the input itself, or for a multi-select
    /// each input it answers: a yes/no input true where ticked and false
    /// elsewhere; a number of `presence` 0 where unticked.
    pub keys: Vec<String>,
    /// The numbers among `keys` a multi-select asks by whether there is any
    /// (`本年度发生了研发费用`): unticked sets one to 0; a ticked one is then
    /// asked for its value.
    pub presence: Vec<String>,
    /// Whether it decides a status or computes an amount.
    pub purpose: Purpose,
    /// Policies whose outcome this answer helps decide or compute.
    pub policies: Vec<String>,
}

/// The questions for `profile`, in the order to ask them (see the module
/// documentation). Only questions that matter are returned.
///
/// ```
/// use calculator_core::{default_catalog, questions, Lang, Options, Profile};
/// let options = Options { as_of: "2025-12-31".parse()?, lang: Lang::ZhCn };
/// let first = &questions(default_catalog()?, &Profile::new(), &options)[0];
/// assert_eq!(first.key, "entity_type");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn questions(catalog: &Catalog, profile: &Profile, options: &Options) -> Vec<Question> {
    Planner::new(catalog, options).questions(profile, &[])
}

/// One policy decided, in the scores' units.
const UNIT: u64 = 1_000_000;

/// A catalog prepared for asking questions on one date: the answers to try
/// for each input are worked out once.
pub struct Planner<'c> {
    plan: Plan<'c>,
    /// Per input slot, the values tried for it.
    tried: Vec<Vec<Value>>,
    /// Per policy, whether its amount reads each input (by slot).
    amount_reads: Vec<Vec<bool>>,
}

impl<'c> Planner<'c> {
    /// Prepares `catalog` for `options.as_of`.
    pub fn new(catalog: &'c Catalog, options: &Options) -> Planner<'c> {
        let plan = Plan::new(catalog, options);
        let tried = values::tried(&plan);
        let amount_reads = catalog
            .policies
            .iter()
            .map(|p| {
                let mut reads = vec![false; catalog.inputs.len()];
                for e in p.steps.iter().map(|s| &s.expr).chain([&p.amount]) {
                    e.walk(&mut |x| {
                        if let crate::expression::Expr::Input(i) = x {
                            if let Some(r) = reads.get_mut(usize::from(*i)) {
                                *r = true;
                            }
                        }
                    });
                }
                reads
            })
            .collect();
        Planner { plan, tried, amount_reads }
    }

    /// The questions for `profile`, skipping the inputs in `unsure` (those
    /// the user said she does not know).
    pub fn questions(&self, profile: &Profile, unsure: &[&str]) -> Vec<Question> {
        let catalog = self.plan.catalog();
        let (lang, as_of) = (self.plan.options().lang, self.plan.options().as_of);
        let mut values = validate(catalog, profile, lang).values;
        let decided = self.plan.decide_values(&values, 0).decisions;
        let n = catalog.inputs.len();
        let asked = |slot: usize| !unsure.contains(&catalog.inputs[slot].key.as_str());
        // Per input: the open policies it helps decide, and the eligible ones
        // whose amount it helps compute.
        let mut decides: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut computes: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (p, d) in decided.iter().enumerate() {
            for &slot in &d.missing {
                decides[usize::from(slot)].push(p);
            }
            for &slot in &d.amount_missing {
                computes[usize::from(slot)].push(p);
            }
        }
        // Expected number of open policies each input's answer decides.
        // In millionths of a policy: whole numbers, exact enough to order by
        // and the same on every machine.
        let mut score = vec![0u64; n];
        for slot in (0..n).filter(|&s| asked(s) && !decides[s].is_empty()) {
            let tried = &self.tried[slot];
            if tried.is_empty() {
                continue;
            }
            let weight = UNIT / tried.len() as u64;
            let before = values[slot].take();
            // The policies some answer of this input decides.
            let mut decisive = vec![false; decides[slot].len()];
            for v in tried {
                values[slot] = Some(v.clone());
                let derived = derive(catalog, &values, as_of);
                let mut scratch = Scratch::default();
                for (j, &p) in decides[slot].iter().enumerate() {
                    let out = self.plan.decide(p, &values, &derived, true, std::mem::take(&mut scratch));
                    if out.status != Status::NeedsInput {
                        score[slot] += weight;
                        decisive[j] = true;
                    }
                    scratch.reuse(out);
                }
            }
            values[slot] = before;
            // An answer the policy's amount reads is never wasted: it decides
            // the policy, or it is needed anyway once the policy applies.
            // Asking it before an input only the conditions read can only
            // save questions.
            let needed_anyway = decides[slot].iter().zip(&decisive).filter(|&(&p, &d)| d && self.amount_reads[p][slot]).count();
            score[slot] += UNIT * needed_anyway as u64;
        }
        let mut out = Vec::new();
        for purpose in [Purpose::Decide, Purpose::Amount] {
            let wanted =
                |s: usize| asked(s) && if purpose == Purpose::Decide { !decides[s].is_empty() } else { decides[s].is_empty() && !computes[s].is_empty() };
            let policies_of = |slots: &[usize]| -> Vec<String> {
                let mut ps: Vec<usize> = slots.iter().flat_map(|&s| if purpose == Purpose::Decide { &decides[s] } else { &computes[s] }).copied().collect();
                crate::order::sort_by_key(&mut ps, |p| *p);
                ps.dedup();
                ps.into_iter().map(|p| catalog.policies[p].id.clone()).collect()
            };
            // (order key: score, first slot) and the question.
            let mut found: Vec<((u64, usize), Question)> = Vec::new();
            let mut grouped = vec![false; n];
            for g in &catalog.ask_together {
                // (slot, how its box reads)
                let yes_no: Vec<(usize, &crate::i18n::Text)> = g
                    .inputs
                    .iter()
                    .zip(&g.labels)
                    .map(|(&s, label)| (usize::from(s), label.as_ref().unwrap_or(&catalog.inputs[usize::from(s)].label)))
                    .filter(|&(s, _)| wanted(s))
                    .collect();
                // A number asked by whether there is any, for an amount too:
                // the ones she has none of (a tax she does not pay) cost no
                // answer of their own.
                let counted: Vec<(usize, &crate::i18n::Text)> =
                    g.presence.iter().map(|p| (usize::from(p.input), &p.label)).filter(|&(s, _)| wanted(s)).collect();
                if yes_no.len() + counted.len() < 2 {
                    continue;
                }
                let options: Vec<Choice> =
                    yes_no.iter().chain(&counted).map(|&(s, label)| Choice { value: catalog.inputs[s].key.clone(), label: label.clone() }).collect();
                let presence: Vec<String> = counted.iter().map(|&(s, _)| catalog.inputs[s].key.clone()).collect();
                let slots: Vec<usize> = yes_no.iter().chain(&counted).map(|&(s, _)| s).collect();
                slots.iter().for_each(|&s| grouped[s] = true);
                let first = &catalog.inputs[slots[0]];
                let question = Question {
                    key: g.key.clone(),
                    label: g.label.get(lang).to_string(),
                    help: g.help.as_ref().map(|h| h.get(lang).to_string()),
                    kind: QuestionKind::MultiSelect,
                    unit: None,
                    group: first.group.clone(),
                    options,
                    keys: slots.iter().map(|&s| catalog.inputs[s].key.clone()).collect(),
                    presence,
                    purpose,
                    policies: policies_of(&slots),
                };
                let rank = if purpose == Purpose::Decide { slots.iter().map(|&s| score[s]).sum() } else { question.policies.len() as u64 };
                found.push(((rank, slots[0]), question));
            }
            for s in (0..n).filter(|&s| wanted(s) && !grouped[s]) {
                let d = &catalog.inputs[s];
                let question = Question {
                    key: d.key.clone(),
                    label: d.label.get(lang).to_string(),
                    help: d.help.as_ref().map(|h| h.get(lang).to_string()),
                    kind: QuestionKind::Input(d.kind),
                    unit: d.unit.clone(),
                    group: d.group.clone(),
                    options: d.options.clone(),
                    keys: vec![d.key.clone()],
                    presence: Vec::new(),
                    purpose,
                    policies: policies_of(&[s]),
                };
                let rank = if purpose == Purpose::Decide { score[s] } else { question.policies.len() as u64 };
                found.push(((rank, s), question));
            }
            // Most decisive first; ties in the catalog's order.
            crate::order::sort_by(&mut found, |a, b| b.0 .0.cmp(&a.0 .0).then(a.0 .1.cmp(&b.0 .1)));
            out.extend(found.into_iter().map(|(_, q)| q));
        }
        out
    }
}

impl Question {
    /// The label of option `value` in `lang`.
    pub fn option_label(&self, value: &str, lang: Lang) -> Option<&str> {
        self.options.iter().find(|o| o.value == value).map(|o| o.label.get(lang))
    }
}
