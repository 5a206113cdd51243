//! `policy-calc measure-questions`: how many answers a clerk gives before she
//! knows where she stands, on generated enterprises.
//!
//! Each generated row (see [`crate::generate`]) is the truth the clerk
//! answers from. She answers the question the planner puts first, one after
//! another: a value she has, "不确定" for one she lacks, and "否" for a
//! yes/no she lacks (an unticked box of a multi-select is a "no" too).
//! Every question asked counts as one answer, a multi-select included. For
//! each row the measure counts the answers until every status is decided (no
//! policy needs input, or nothing left to ask would decide one) and until
//! every eligible amount is computed, and sets them beside:
//! - **greedy**: the order 0.3.0 used — the input most open policies list as
//!   missing first, one input at a time;
//! - **minimal set**: the fewest of the row's own answers that give the same
//!   decisions, found by dropping answers one at a time while the decisions
//!   stay the same (a minimal set, not always the smallest);
//! - **fixed form**: every input of the catalog on one form.

use calculator_core::{decide_all, Catalog, Decisions, InputKind, Options, Planner, Profile, Purpose, Status};
use calculator_register::generate::{enterprise, Rng, COLUMNS};

/// How a run asks its questions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strategy {
    Planner,
    Greedy,
}

/// The answers one row took.
struct Counts {
    to_status: usize,
    to_amounts: usize,
}

fn undecided(d: &Decisions) -> bool {
    d.decisions.iter().any(|x| x.status == Status::NeedsInput)
}

fn pending(d: &Decisions) -> bool {
    d.decisions.iter().any(|x| x.status == Status::Eligible && x.amount.is_none())
}

/// The row as the clerk knows it: what the register holds, and "no" for
/// every yes/no it leaves blank.
fn truth(catalog: &Catalog, row: &[Option<String>]) -> Profile {
    let mut p = Profile::new();
    for (key, cell) in COLUMNS.iter().zip(row) {
        match cell {
            Some(v) => p.set(key, v.as_str()),
            None if catalog.input(key).is_some_and(|i| i.kind == InputKind::Boolean) => p.set(key, false),
            None => {}
        }
    }
    p
}

/// What a portal that knows the enterprise fills in before the first
/// question: its business licence's facts (营业执照 and the public credit
/// record): the credit code, the kind of entity, where it is registered, its
/// line of business and founding date. Embedders pass them as prefill
/// (docs/CONTRACT.md); the clerk is not asked them.
pub const REGISTRATION: &[&str] = &["credit_code", "entity_type", "region_code", "industry_code", "established_on"];

/// Answers questions for `truth` until nothing is left to ask, the
/// `prefilled` keys known (and not counted) from the start; the counts.
fn simulate(catalog: &Catalog, planner: &Planner, options: &Options, truth: &Profile, strategy: Strategy, prefilled: &[&str]) -> Counts {
    let mut known = Profile::new();
    for key in prefilled {
        if let Some(v) = truth.0.get(*key) {
            known.0.insert(key.to_string(), v.clone());
        }
    }
    let mut unsure: Vec<String> = Vec::new();
    let mut answers = 0;
    let mut to_status = None;
    // Bounded: each question answers at least one input for good.
    for _ in 0..=catalog.inputs().len() {
        let decided = decide_all(catalog, &known, options);
        if to_status.is_none() && !undecided(&decided) {
            to_status = Some(answers);
        }
        let skip: Vec<&str> = unsure.iter().map(String::as_str).collect();
        let next: Option<(Vec<String>, Vec<String>)> = match strategy {
            Strategy::Planner => {
                let qs = planner.questions(&known, &skip);
                let want = if to_status.is_none() { Purpose::Decide } else { Purpose::Amount };
                let first = qs.into_iter().find(|q| q.purpose == want);
                match (first, to_status) {
                    (Some(q), _) => Some((q.keys, q.presence)),
                    // Nothing left that decides a status: the rest stays open.
                    (None, None) => {
                        to_status = Some(answers);
                        continue;
                    }
                    (None, Some(_)) => None,
                }
            }
            Strategy::Greedy => {
                let mut count = vec![0usize; catalog.inputs().len()];
                for d in &decided.decisions {
                    let open = if to_status.is_none() { &d.missing } else { &d.amount_missing };
                    for &slot in open {
                        count[usize::from(slot)] += 1;
                    }
                }
                let best = (0..count.len())
                    .filter(|&s| count[s] > 0 && !skip.contains(&catalog.inputs()[s].key.as_str()))
                    .max_by_key(|&s| (count[s], std::cmp::Reverse(s)));
                match (best, to_status) {
                    (Some(s), _) => Some((vec![catalog.inputs()[s].key.clone()], Vec::new())),
                    (None, None) => {
                        to_status = Some(answers);
                        continue;
                    }
                    (None, Some(_)) => None,
                }
            }
        };
        let Some((keys, presence)) = next else { break };
        answers += 1;
        for key in keys {
            match truth.0.get(&key) {
                // A number asked by whether there is any: ticked, it is then
                // asked for its value, one answer more.
                Some(v) if presence.contains(&key) && !is_zero(v) => {
                    answers += 1;
                    known.0.insert(key, v.clone());
                }
                Some(v) => {
                    known.0.insert(key, v.clone());
                }
                None => unsure.push(key),
            }
        }
        if to_status.is_some() && !pending(&decide_all(catalog, &known, options)) {
            break;
        }
    }
    let to_status = to_status.unwrap_or(answers);
    Counts { to_status, to_amounts: answers.max(to_status) }
}

fn is_zero(v: &calculator_core::RawValue) -> bool {
    matches!(v, calculator_core::RawValue::Text(t) | calculator_core::RawValue::Number(t) if t.parse::<rust_decimal::Decimal>().is_ok_and(|d| d.is_zero()))
}

/// The statuses (and, with `amounts`, the amounts) a profile decides.
fn outcome(catalog: &Catalog, p: &Profile, options: &Options, amounts: bool) -> Vec<(Status, Option<String>)> {
    decide_all(catalog, p, options).decisions.iter().map(|d| (d.status, if amounts { d.amount.map(|m| m.to_string()) } else { None })).collect()
}

/// How many of the row's answers are needed for its decisions, dropping
/// answers one at a time (last input first) while they stay the same.
fn minimal(catalog: &Catalog, truth: &Profile, options: &Options, amounts: bool) -> usize {
    let target = outcome(catalog, truth, options, amounts);
    let mut p = truth.clone();
    for def in catalog.inputs().iter().rev() {
        let Some(v) = p.0.remove(&def.key) else { continue };
        if outcome(catalog, &p, options, amounts) != target {
            p.0.insert(def.key.clone(), v);
        }
    }
    p.len()
}

/// The value below which `percent` of `values` lie (nearest rank).
fn percentile(values: &mut [usize], percent: usize) -> usize {
    values.sort_unstable();
    let rank = (values.len() * percent).div_ceil(100).max(1);
    values[rank - 1]
}

/// Runs the measure on `rows` generated enterprises; the report as text.
pub fn run(catalog: &Catalog, options: &Options, rows: u64, seed: u64) -> String {
    let planner = Planner::new(catalog, options);
    let mut rng = Rng::new(seed);
    let (mut p_status, mut p_amounts, mut g_status, mut g_amounts, mut m_status, mut m_amounts) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut r_status, mut r_amounts) = (vec![], vec![]);
    for _ in 0..rows {
        let row = enterprise(&mut rng);
        let truth = truth(catalog, &row);
        let p = simulate(catalog, &planner, options, &truth, Strategy::Planner, &[]);
        let r = simulate(catalog, &planner, options, &truth, Strategy::Planner, REGISTRATION);
        let g = simulate(catalog, &planner, options, &truth, Strategy::Greedy, &[]);
        r_status.push(r.to_status);
        r_amounts.push(r.to_amounts);
        p_status.push(p.to_status);
        p_amounts.push(p.to_amounts);
        g_status.push(g.to_status);
        g_amounts.push(g.to_amounts);
        m_status.push(minimal(catalog, &truth, options, false));
        m_amounts.push(minimal(catalog, &truth, options, true));
    }
    let fixed = catalog.inputs().len();
    let line = |name: &str, status: &mut [usize], amounts: &mut [usize]| {
        format!("| {name} | {} | {} | {} | {} |\n", percentile(status, 50), percentile(status, 90), percentile(amounts, 50), percentile(amounts, 90))
    };
    let mut out = format!(
        "Answers until every status is decided and until every eligible amount is computed, on {rows} generated enterprises (seed {seed}, rules of {}; {} policies, {fixed} inputs):\n\n",
        options.as_of,
        catalog.policies().len()
    );
    out.push_str("| how the questions are asked | status: median | status: p90 | amounts: median | amounts: p90 |\n|---|---|---|---|---|\n");
    out.push_str(&line("the planner (multi-select counts one)", &mut p_status, &mut p_amounts));
    out.push_str(&line("the planner, the business licence's facts prefilled by the portal", &mut r_status, &mut r_amounts));
    out.push_str(&line("greedy: most-missing input first (0.3.0)", &mut g_status, &mut g_amounts));
    out.push_str(&line("minimal set of the row's own answers", &mut m_status, &mut m_amounts));
    out.push_str(&format!("| fixed form: every input | {fixed} | {fixed} | {fixed} | {fixed} |\n"));
    out
}
