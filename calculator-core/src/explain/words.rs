//! The sentences of a result: why it has its status, how to claim, what the
//! near miss would take, why a group's member is not counted, and what is
//! not confirmed.

use super::{show, Change, Explainer, NearMiss};
use crate::catalog::{DeliveryMode, Policy};
use crate::decide::{Fix, Options, Outcome, Status};
use crate::expression::{Ev, EvalError, Val};
use crate::i18n::Lang;
use crate::text::sentence;

/// How a benefit is claimed, in words.
pub(crate) fn mode_text(mode: DeliveryMode, lang: Lang) -> &'static str {
    match mode {
        DeliveryMode::Automatic => lang.pick("免申即享", "免申即享", "granted automatically (no application)"),
        DeliveryMode::Declare => {
            lang.pick("申报即享（在纳税或缴费申报时自行享受）", "申報即享（於納稅或繳費申報時自行享受）", "claimed on the tax or fee return")
        }
        DeliveryMode::Apply => lang.pick("需申请", "需申請", "apply to the authority"),
    }
}

/// The machine-readable code of an evaluation error.
pub(crate) fn eval_error_code(e: EvalError) -> &'static str {
    match e {
        EvalError::Overflow => "overflow",
        EvalError::DivisionByZero => "division_by_zero",
        EvalError::NoParameterValue(_) => "no_parameter_value",
    }
}

/// Why a policy's formula could not be computed.
pub(crate) fn eval_error_text(e: EvalError, policy: &Policy, lang: Lang) -> String {
    match e {
        EvalError::Overflow => lang.pick("计算结果超出可精确表示的范围", "計算結果超出可精確表示的範圍", "the result is too large to compute exactly").into(),
        EvalError::DivisionByZero => lang.pick("公式中出现除以零", "公式中出現除以零", "the formula divides by zero").into(),
        EvalError::NoParameterValue(i) => {
            let name = policy.params.get(usize::from(i)).map_or("?", |p| p.name.as_str());
            match lang {
                Lang::En => format!("parameter `{name}` has no value in force on this date"),
                Lang::ZhTw => format!("參數 `{name}` 在此日期沒有有效取值"),
                Lang::ZhCn => format!("参数 `{name}` 在此日期没有有效取值"),
            }
        }
    }
}

/// A validity window in words, e.g. `2023-01-01 – 2027-12-31` or
/// `2023-01-01 起，未规定截止日期`; a missing start says it is not confirmed.
///
/// ```
/// use calculator_core::{validity, Lang};
/// assert_eq!(validity(None, Some("2027-12-31".parse()?), Lang::ZhCn), "起始日期未确认 – 2027-12-31");
/// # Ok::<(), calculator_core::DateError>(())
/// ```
pub fn validity(from: Option<crate::Date>, until: Option<crate::Date>, lang: Lang) -> String {
    let unknown = lang.pick("起始日期未确认", "起始日期未確認", "start date not confirmed");
    match (from, until) {
        (Some(f), Some(u)) => format!("{f} – {u}"),
        (None, Some(u)) => format!("{unknown} – {u}"),
        (Some(f), None) => match lang {
            Lang::En => format!("from {f}, no end date"),
            Lang::ZhTw => format!("{f} 起，未規定截止日期"),
            Lang::ZhCn => format!("{f} 起，未规定截止日期"),
        },
        (None, None) => lang.pick("起止日期未确认", "起止日期未確認", "start and end dates not confirmed").to_string(),
    }
}

/// A policy's validity window in words.
pub(crate) fn window(policy: &Policy, lang: Lang) -> String {
    validity(policy.valid_from, policy.valid_until, lang)
}

/// One sentence saying why the result has its status.
pub(crate) fn reason(x: &Explainer, o: &Options) -> String {
    let (catalog, policy, out, lang) = (x.catalog, x.policy, x.out, o.lang);
    match out.status {
        Status::Eligible if out.amount.is_none() => {
            let labels = out.amount_missing.iter().filter_map(|i| catalog.inputs.get(usize::from(i))).map(|d| d.label.get(lang));
            let (before, sep, after) = lang.pick(
                ("各项条件均已满足。计算金额还需：", "、", "。"),
                ("各項條件均已滿足。計算金額還需：", "、", "。"),
                ("All conditions are met. To compute the amount, please provide: ", ", ", "."),
            );
            sentence(before, labels, sep, after)
        }
        Status::Eligible => lang.pick("各项条件均已满足。", "各項條件均已滿足。", "All conditions are met.").to_string(),
        Status::Ineligible => {
            let failed =
                policy.conditions.iter().zip(&out.conditions).filter(|(_, r)| matches!(r, Ok(Ev::Known(Val::Bool(false))))).map(|(c, _)| c.text.get(lang));
            let (before, sep, after) = lang.pick(("不符合：", "；", "。"), ("不符合：", "；", "。"), ("Not met: ", "; ", "."));
            sentence(before, failed, sep, after)
        }
        Status::NeedsInput => {
            let labels = out.missing.iter().filter_map(|i| catalog.inputs.get(usize::from(i))).map(|d| d.label.get(lang));
            let (before, sep, after) = lang.pick(
                ("目前没有不符合的条件，请补充：", "、", "。"),
                ("目前沒有不符合的條件，請補充：", "、", "。"),
                ("Nothing fails so far; please provide: ", ", ", "."),
            );
            sentence(before, labels, sep, after)
        }
        Status::NotInForce => {
            let window = window(policy, lang);
            match lang {
                Lang::En => format!("Not in force on {}: valid {window}.", o.as_of),
                Lang::ZhTw => format!("{} 不在有效期內（有效期 {window}）。", o.as_of),
                Lang::ZhCn => format!("{} 不在有效期内（有效期 {window}）。", o.as_of),
            }
        }
        Status::Error => out.error.map(|e| eval_error_text(e, policy, lang)).unwrap_or_default(),
    }
}

/// The near miss of [`crate::decide::near_miss`] in words.
pub(crate) fn near_miss(x: &Explainer, fixes: &[Fix]) -> NearMiss {
    let lang = x.lang;
    let mut changes = Vec::new();
    let mut words = Vec::new();
    for fix in fixes {
        let def = &x.catalog.inputs[usize::from(fix.slot)];
        let fmt = |d| show(Val::Num(d), def.kind == crate::catalog::InputKind::Money);
        let unit = def.unit.clone().unwrap_or_default();
        let label = def.label.get(lang);
        let (needed, amount) = (fmt(fix.needed), fmt(fix.delta.abs()));
        words.push(match (lang, fix.delta > rust_decimal::Decimal::ZERO) {
            (Lang::En, true) => format!("{label} {amount} higher (to {needed}{unit})"),
            (Lang::En, false) => format!("{label} {amount} lower (to {needed}{unit})"),
            (Lang::ZhTw, true) => format!("{label}再增加 {amount}{unit}（達到 {needed}{unit}）"),
            (Lang::ZhTw, false) => format!("{label}減少 {amount}{unit}（降至 {needed}{unit}）"),
            (Lang::ZhCn, true) => format!("{label}再增加 {amount}{unit}（达到 {needed}{unit}）"),
            (Lang::ZhCn, false) => format!("{label}减少 {amount}{unit}（降至 {needed}{unit}）"),
        });
        changes.push(Change { key: def.key.clone(), label: label.to_string(), current: fmt(fix.current), needed, delta: fmt(fix.delta) });
    }
    let message = match lang {
        Lang::En => format!("Would qualify if: {}.", words.join("; ")),
        Lang::ZhTw => format!("{}即可符合條件。", words.join("，")),
        Lang::ZhCn => format!("{}即可符合条件。", words.join("，")),
    };
    NearMiss { changes, message }
}

/// For an exclusive group with two or more eligible members: the sentence
/// for the one recommended (`best`) and the one for each other member.
/// `complete`: whether every member's amount is known; if not, the choice is
/// only among those computed so far, and the sentences say so.
pub(crate) fn stacking_texts(best_name: &str, others: &[&str], rule: &str, complete: bool, lang: Lang) -> (String, String) {
    if !complete {
        let recommended = match lang {
            Lang::En => format!(
                "Cannot be combined with {} ({rule}). Not every amount is known yet: compare them once they are; until then only computed amounts are counted in the totals.",
                others.join(", ")
            ),
            Lang::ZhTw => format!("與「{}」不可同時享受（{rule}）。尚有金額待補充資料後才能比較，屆時請選擇金額較高者；合計只計入已算出的金額。", others.join("」「")),
            Lang::ZhCn => format!("与「{}」不可同时享受（{rule}）。尚有金额待补充信息后才能比较，届时请选择金额较高者；合计只计入已算出的金额。", others.join("」「")),
        };
        let set_aside = match lang {
            Lang::En => format!("Cannot be combined with {best_name} ({rule}). Not every amount is known yet: compare them once they are; this one is not counted in the totals."),
            Lang::ZhTw => format!("與「{best_name}」不可同時享受（{rule}）。尚有金額待補充資料後才能比較，屆時請選擇金額較高者；本項未計入合計。"),
            Lang::ZhCn => format!("与「{best_name}」不可同时享受（{rule}）。尚有金额待补充信息后才能比较，届时请选择金额较高者；本项未计入合计。"),
        };
        return (recommended, set_aside);
    }
    let recommended = match lang {
        Lang::En => format!("Cannot be combined with {} ({rule}). This one is worth more and is recommended; it is counted in the totals.", others.join(", ")),
        Lang::ZhTw => format!("與「{}」不可同時享受（{rule}）。本項金額較高，建議選擇，已計入合計。", others.join("」「")),
        Lang::ZhCn => format!("与「{}」不可同时享受（{rule}）。本项金额较高，建议选择，已计入合计。", others.join("」「")),
    };
    let set_aside = match lang {
        Lang::En => {
            format!("Cannot be combined with {best_name} ({rule}). {best_name} is worth more and is recommended; this one is not counted in the totals.")
        }
        Lang::ZhTw => format!("與「{best_name}」不可同時享受（{rule}）。建議選擇金額較高的「{best_name}」，本項未計入合計。"),
        Lang::ZhCn => format!("与「{best_name}」不可同时享受（{rule}）。建议选择金额较高的「{best_name}」，本项未计入合计。"),
    };
    (recommended, set_aside)
}

/// The unconfirmed facts this result rests on, each once, in the order met.
pub(crate) fn caveats(policy: &Policy, out: &Outcome, o: &Options) -> Vec<String> {
    let mut notes: Vec<&crate::i18n::Text> = policy.unconfirmed.iter().collect();
    notes.extend(policy.source_on(o.as_of).and_then(|d| d.unconfirmed.as_ref()));
    if out.status != Status::NotInForce {
        notes.extend(policy.params.iter().filter_map(|p| p.at(o.as_of).and_then(|v| v.unconfirmed.as_ref())));
        notes.extend(policy.conditions.iter().filter_map(|c| c.unconfirmed.as_ref()));
        notes.extend(policy.steps.iter().filter_map(|s| s.unconfirmed.as_ref()));
    }
    let mut list: Vec<String> = Vec::with_capacity(notes.len());
    for t in notes {
        let t = t.get(o.lang);
        if !list.iter().any(|kept| kept == t) {
            list.push(t.to_string());
        }
    }
    list
}
