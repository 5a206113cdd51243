//! 主动推送: one short notice per enterprise with an eligible policy, fit for
//! an SMS or a portal message.
//!
//! `{"key", "policies": [{"amount", "policy_id"}], "text"}`. The text names
//! the enterprise (its name when the register has one, else its key), says
//! how many policies it may qualify for and the computed amounts' total, then
//! lists them, the largest first: the policy's name, its amount in 元 (or
//! 金额待核定 while it waits for an input), and how and by when to claim it —
//! the report's own words for the delivery mode and the catalog's channel and
//! deadline texts, nothing else. It closes with a line that this is an
//! estimate the department concerned confirms. At most [`NOTICE_CHARS`]
//! characters: when the list does not fit, the largest are listed and the
//! count of all is given (`等N项`). A member of an exclusive group set aside
//! for a better one is left out, as in the totals.

use crate::register::{Decided, Enterprise, Register};
use calculator_core::{Decision, Lang, Status};
use rust_decimal::Decimal;

/// The longest a notice's text is, in characters.
pub const NOTICE_CHARS: usize = 500;

impl Register<'_> {
    /// Appends a notice line (JSON) to `out` for each enterprise of `d` with
    /// an eligible policy.
    pub fn write_notices(&self, d: &Decided, out: &mut String) {
        for e in &d.rows {
            if let Some((text, listed)) = self.notice(e) {
                out.push_str("{\"key\":");
                out.push_str(&serde_json::Value::String(e.key.clone()).to_string());
                out.push_str(",\"policies\":[");
                for (n, &i) in listed.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    out.push_str("{\"amount\":");
                    match e.decisions[i].amount {
                        Some(m) => {
                            out.push('"');
                            out.push_str(&m.to_string());
                            out.push('"');
                        }
                        None => out.push_str("null"),
                    }
                    out.push_str(",\"policy_id\":");
                    out.push_str(&self.ids[i]);
                    out.push('}');
                }
                out.push_str("],\"text\":");
                out.push_str(&serde_json::Value::String(text).to_string());
                out.push_str("}\n");
            }
        }
    }

    /// The notice for `e`, and the policies it names (largest first); `None`
    /// when none is eligible.
    pub fn notice(&self, e: &Enterprise) -> Option<(String, Vec<usize>)> {
        let lang = self.options.lang;
        let set_aside = |d: &Decision| d.amount.is_some() && !d.counted_in_totals;
        let mut listed: Vec<usize> = (0..e.decisions.len()).filter(|&i| e.decisions[i].status == Status::Eligible && !set_aside(&e.decisions[i])).collect();
        if listed.is_empty() {
            return None;
        }
        // Known amounts first, largest first; then those waiting; catalog order on ties.
        listed.sort_by(|&a, &b| {
            let v = |i: usize| e.decisions[i].amount.map(|m| m.value());
            v(b).cmp(&v(a)).then(a.cmp(&b))
        });
        let total: Decimal = listed.iter().filter_map(|&i| e.decisions[i].amount).map(|m| m.value()).sum();
        let any_known = listed.iter().any(|&i| e.decisions[i].amount.is_some());
        let n = listed.len();
        // A name of any length leaves room for at least one policy.
        let who = e.name.as_deref().unwrap_or(&e.key);
        let who: String = if who.chars().count() > 60 { who.chars().take(59).chain(['…']).collect() } else { who.to_string() };
        let total_text = if any_known {
            let t = format!("{total:.2}");
            lang.pick(format!("（已测算金额合计{t}元）"), format!("（已測算金額合計{t}元）"), format!(" (computed amounts total {t} yuan)"))
        } else {
            String::new()
        };
        let head = lang.pick(
            format!("{who}：经测算，贵单位可能符合以下{n}项政策{total_text}：\n"),
            format!("{who}：經測算，貴單位可能符合以下{n}項政策{total_text}：\n"),
            format!("{who}: by our estimate you may qualify for {n} policies{total_text}:\n"),
        );
        let tail = lang.pick(
            "以上为依据登记信息的测算结果，仅供参考，以主管部门审核确认为准。",
            "以上為依據登記資訊的測算結果，僅供參考，以主管部門審核確認為準。",
            "This is an estimate from registered data, for reference only; the department concerned confirms it.",
        );
        let more = |shown: usize| lang.pick(format!("……等{n}项。\n"), format!("……等{n}項。\n"), format!("… and {} more.\n", n - shown));
        let chars = |s: &str| s.chars().count();
        let mut text = head;
        let mut used = chars(&text) + chars(tail);
        let mut shown = 0;
        for (k, &i) in listed.iter().enumerate() {
            let item = self.item(k + 1, i, &e.decisions[i], lang);
            let after = if k + 1 < n { chars(&more(k + 1)) } else { 0 };
            let len = chars(&item);
            if used + len + after <= NOTICE_CHARS {
                text.push_str(&item);
                used += len;
                shown += 1;
            } else {
                if shown == 0 {
                    // The largest is always named, its how-to cut short.
                    let room = NOTICE_CHARS.saturating_sub(used + after + 2);
                    let cut: String = item.chars().take(room).collect();
                    text.push_str(cut.trim_end());
                    text.push_str("…\n");
                    shown = 1;
                }
                break;
            }
        }
        if shown < n {
            text.push_str(&more(shown));
        }
        text.push_str(tail);
        Some((text, listed))
    }

    /// `1. 名称：金额；方式：渠道；期限：…。`
    fn item(&self, number: usize, i: usize, d: &Decision, lang: Lang) -> String {
        let c = &self.claims[i];
        let amount = match d.amount {
            Some(m) => lang.pick(format!("{m}元"), format!("{m}元"), format!("{m} yuan")),
            None => lang.pick("金额待核定", "金額待核定", "amount to be assessed").to_string(),
        };
        let (colon, semi, stop) = lang.pick(("：", "；", "。"), ("：", "；", "。"), (": ", "; ", "."));
        let mut s = format!("{number}. {}{colon}{amount}{semi}{}", c.name, c.mode_text);
        if let Some(ch) = &c.channel {
            s.push_str(colon);
            s.push_str(ch);
        }
        if let Some(dl) = &c.deadline {
            s.push_str(semi);
            s.push_str(lang.pick("期限：", "期限：", "deadline: "));
            s.push_str(dl);
        }
        s.push_str(stop);
        s.push('\n');
        s
    }
}
