//! Putting a report together: each policy decided ([`crate::decide`]) and
//! explained ([`crate::explain`]), the exclusive groups applied, the totals
//! added up.

use super::*;
use crate::catalog::{Catalog, Document};
use crate::decide::{choose, derive, near_miss, Options, Plan, Scratch};
use crate::explain::{self, show, shown_inputs, Explainer};
use crate::expression::{Ev, Val, R};
use crate::profile::{validate, Profile, Validated};

/// Evaluates every policy of `catalog` for `profile` on `options.as_of`.
///
/// ```
/// use calculator_core::{default_catalog, evaluate, Lang, Options, Profile, Status};
/// let catalog = default_catalog()?;
/// let profile = Profile::new()
///     .with("entity_type", "enterprise")
///     .with("restricted_industry", false)
///     .with("taxable_income", "900000")
///     .with("employees", 160)
///     .with("total_assets", "30000000");
/// let report = evaluate(catalog, &profile, &Options { as_of: "2023-03-31".parse()?, lang: Lang::ZhCn });
/// let cit = report.result("cn.cit.small-low-profit").unwrap();
/// assert_eq!(cit.status, Status::Eligible);
/// assert_eq!(cit.amount.unwrap().to_string(), "180000.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(catalog: &Catalog, profile: &Profile, options: &Options) -> Report {
    Plan::new(catalog, options).evaluate(profile)
}

impl Plan<'_> {
    /// As [`evaluate`], on the plan's date and in its language.
    pub fn evaluate(&self, profile: &Profile) -> Report {
        let validated = validate(self.catalog(), profile, self.options().lang);
        self.report(&validated)
    }

    fn report(&self, v: &Validated) -> Report {
        let (catalog, o) = (self.catalog(), self.options());
        let derived = derive(catalog, &v.values, o.as_of);
        let mut policy_errors = Vec::new();
        let mut scratch = Scratch::default();
        let shown = shown_inputs(catalog, &v.values, o.lang);
        let mut results: Vec<PolicyResult> =
            (0..catalog.policies.len()).map(|i| self.result(i, v, &derived, &shown, &mut policy_errors, &mut scratch)).collect();
        let stacking = stack(catalog, &mut results, o.lang);
        // Inserted one by one: collecting into a map links a sort of its own.
        let mut totals: BTreeMap<&'static str, Money> = BTreeMap::new();
        let mut amounts_pending: BTreeMap<&'static str, u32> = BTreeMap::new();
        for c in Category::ALL {
            totals.insert(c.key(), Money::ZERO);
            amounts_pending.insert(c.key(), 0);
        }
        for r in results.iter().filter(|r| r.status == Status::Eligible) {
            match r.amount {
                Some(a) if r.counted_in_totals => {
                    let slot = totals.entry(r.category.key()).or_insert(Money::ZERO);
                    *slot = slot.checked_add(a).unwrap_or(*slot);
                }
                Some(_) => {}
                None => *amounts_pending.entry(r.category.key()).or_insert(0) += 1,
            }
        }
        let mut derived_out = BTreeMap::new();
        for (d, r) in catalog.derived.iter().zip(&derived) {
            if let Ok(Ev::Known(v)) = r {
                let plain = match *v {
                    Val::Bool(b) => Plain::Bool(b),
                    other => Plain::Text(show(other, false)),
                };
                derived_out.insert(d.key.clone(), plain);
            }
        }
        let info = &catalog.info;
        Report {
            catalog: CatalogRef { id: info.id.clone(), version: info.version.clone(), hash: info.hash.clone() },
            as_of: o.as_of,
            lang: o.lang,
            derived: derived_out,
            results,
            totals,
            amounts_pending,
            stacking,
            warnings: v.warnings.clone(),
            errors: v.errors.clone(),
            policy_errors,
        }
    }

    /// Policy `i` decided and explained.
    fn result<'e>(
        &'e self,
        i: usize,
        v: &'e Validated,
        derived: &[R<'e>],
        shown: &[Option<String>],
        policy_errors: &mut Vec<PolicyError>,
        scratch: &mut Scratch<'e>,
    ) -> PolicyResult {
        let (catalog, o) = (self.catalog(), self.options());
        let policy = &catalog.policies[i];
        let lang = o.lang;
        let out = self.decide(i, &v.values, derived, false, std::mem::take(scratch));
        let in_force = out.status != Status::NotInForce;
        let x = Explainer::new(catalog, policy, &out, &v.values, derived, shown, o);
        let mut figures = BTreeMap::new();
        if out.status == Status::Eligible {
            // Every figure that can be computed, also while the amount waits.
            for (s, r) in policy.steps.iter().zip(&out.steps) {
                if let (true, Ok(Ev::Known(Val::Num(n)))) = (s.figure, r) {
                    figures.insert(s.name.clone(), Money::half_up(*n));
                }
            }
        }
        let near_miss = match out.status {
            Status::Ineligible => near_miss(catalog, policy, &out, x.env()).map(|fixes| explain::near_miss(&x, &fixes)),
            _ => None,
        };
        if let (Status::Error, Some(e)) = (out.status, out.error) {
            policy_errors.push(PolicyError {
                policy_id: policy.id.clone(),
                code: explain::eval_error_code(e),
                message: explain::eval_error_text(e, policy, lang),
            });
        }
        let caveats = explain::caveats(policy, &out, o);
        let result = PolicyResult {
            policy_id: policy.id.clone(),
            name: policy.name.get(lang).to_string(),
            status: out.status,
            category: policy.category,
            level: policy.level,
            amount: out.amount.map(Money::exact),
            figures,
            missing: explain::keys(catalog, &out.missing),
            amount_missing: explain::keys(catalog, &out.amount_missing),
            conditions: if in_force { explain::conditions(&x) } else { Vec::new() },
            breakdown: if in_force { explain::steps(&x) } else { Vec::new() },
            near_miss,
            source: source(policy.source_on(o.as_of)),
            documents: policy.documents.iter().map(|d| d.number.clone()).collect(),
            valid_from: policy.valid_from,
            valid_until: policy.valid_until,
            amount_ceiling: policy.amount_ceiling,
            counted_in_totals: out.status == Status::Eligible && out.amount.is_some(),
            stacking: None,
            how_to_claim: HowToClaim {
                mode: policy.delivery.mode,
                mode_text: explain::mode_text(policy.delivery.mode, lang),
                channel: policy.delivery.channel.as_ref().map(|t| t.get(lang).to_string()),
                deadline: policy.delivery.deadline.as_ref().map(|t| t.get(lang).to_string()),
            },
            reason: explain::reason(&x, o),
            note: policy.note.as_ref().map(|t| t.get(lang).to_string()),
            unconfirmed: !caveats.is_empty(),
            caveats,
        };
        scratch.reuse(out);
        result
    }
}

/// The document shown as a result's source.
fn source(doc: Option<&Document>) -> Source {
    let text = |field: fn(&Document) -> &String| doc.map_or_else(String::new, |d| field(d).clone());
    Source {
        document: text(|d| &d.number),
        title: text(|d| &d.title),
        url: doc.and_then(|d| d.url.clone()),
        issuer: text(|d| &d.issuer),
        evidence: doc.map_or(Evidence::Unconfirmed, |d| d.evidence),
    }
}

/// Applies the catalog's exclusive groups: where two or more members are
/// eligible, recommends the one worth most (the first listed on a tie), keeps
/// the others out of the totals, and says so on each of them.
fn stack(catalog: &Catalog, results: &mut [PolicyResult], lang: Lang) -> Vec<StackingAdvice> {
    let mut advice = Vec::new();
    for g in &catalog.exclusive {
        let Some(choice) = choose(catalog, g, |i| (results[i].status, results[i].amount)) else {
            continue;
        };
        let (eligible, best) = (&choice.eligible, choice.best);
        let name = |i: usize| catalog.policies[i].name.get(lang);
        let others: Vec<&str> = eligible.iter().filter(|&&i| i != best).map(|&i| name(i)).collect();
        let rule = g.rule.get(lang);
        let (recommended, set_aside) = explain::stacking_texts(name(best), &others, rule, choice.complete, lang);
        for &i in eligible {
            results[i].stacking = Some(if i == best { recommended.clone() } else { set_aside.clone() });
            results[i].counted_in_totals &= i == best;
        }
        advice.push(StackingAdvice {
            group: g.id.clone(),
            rule: rule.to_string(),
            basis: g.basis.get(lang).to_string(),
            eligible: eligible.iter().map(|&i| results[i].policy_id.clone()).collect(),
            recommended: results[best].policy_id.clone(),
        });
    }
    advice
}
