//! A human-readable listing of a catalog, generated from its data so that it
//! can never drift from what the engine evaluates (CATALOG.md is this text,
//! kept in sync by a test).

use crate::catalog::{Catalog, Evidence, Level, Policy};
use crate::explain::window;
use crate::i18n::Lang;
use std::fmt::Write;

fn level(l: Level, lang: Lang) -> &'static str {
    match l {
        Level::National => lang.pick("国家", "國家", "national"),
        Level::Provincial => lang.pick("省", "省", "provincial"),
        Level::Municipal => lang.pick("市", "市", "municipal"),
        Level::District => lang.pick("区县、园区", "區縣、園區", "district / zone"),
    }
}

/// Evidence levels in words, as the reference set defines them.
pub fn evidence_text(e: Evidence, lang: Lang) -> &'static str {
    match e {
        Evidence::Official => lang.pick("官方原文", "官方原文", "official text"),
        Evidence::Reprint => lang.pick("原文转载", "原文轉載", "verbatim reprint"),
        Evidence::Secondary => lang.pick("二手资料", "二手資料", "secondary summary"),
        Evidence::Github => lang.pick("仅第三方代码库", "僅第三方代碼庫", "third-party code only"),
        Evidence::Unconfirmed => lang.pick("未经核实", "未經核實", "unconfirmed"),
    }
}

// Table cells must not break the Markdown table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn scope(p: &Policy, lang: Lang) -> String {
    if p.regions.is_empty() {
        format!("{}（{}）", level(p.level, lang), lang.pick("全国", "全國", "nationwide"))
    } else {
        format!("{}（{}）", level(p.level, lang), p.regions.iter().map(|r| format!("{r}…")).collect::<Vec<_>>().join(" / "))
    }
}

/// The catalog as Markdown: one row per policy (id, name, scope, 文号,
/// validity, weakest evidence), then the exclusive groups and every
/// unconfirmed fact.
///
/// ```
/// let text = calculator_core::listing::markdown(calculator_core::default_catalog()?, calculator_core::Lang::ZhCn);
/// assert!(text.contains("| `cn.cit.small-low-profit` |"));
/// # Ok::<(), calculator_core::Error>(())
/// ```
pub fn markdown(catalog: &Catalog, lang: Lang) -> String {
    let info = catalog.info();
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", info.title.get(lang));
    let _ = writeln!(
        s,
        "<!-- {} -->\n",
        lang.pick(
            "本文件由 `cargo run -p calculator-cli -- list` 从目录数据生成，请勿手工编辑；测试 listing_is_in_sync 保持其同步。",
            "本文件由 `cargo run -p calculator-cli -- list` 從目錄數據生成，請勿手工編輯。",
            "Generated from the catalog data by `cargo run -p calculator-cli -- list`; do not edit by hand (the listing_is_in_sync test keeps it in sync).",
        )
    );
    let published = info.published.map(|d| d.to_string()).unwrap_or_default();
    let _ = writeln!(
        s,
        "{} `{}` · {} {} · {} {} · {} {}\n",
        lang.pick("目录", "目錄", "Catalog"),
        info.id,
        lang.pick("版本", "版本", "version"),
        info.version,
        lang.pick("审阅日期", "審閱日期", "reviewed"),
        published,
        catalog.policies().len(),
        lang.pick("项政策", "項政策", "policies"),
    );
    let header = match lang {
        Lang::En => "| id | policy | level (scope) | documents | in force | weakest evidence | unconfirmed facts |",
        Lang::ZhTw => "| 編號 | 政策 | 層級（範圍） | 文號 | 有效期 | 最弱證據等級 | 待核實事項 |",
        Lang::ZhCn => "| 编号 | 政策 | 层级（范围） | 文号 | 有效期 | 最弱证据等级 | 待核实事项 |",
    };
    let _ = writeln!(s, "{header}\n|---|---|---|---|---|---|---|");
    for p in catalog.policies() {
        let docs: Vec<String> = p.documents.iter().map(|d| d.number.clone()).collect();
        let open = count_unconfirmed(p);
        let _ = writeln!(
            s,
            "| `{}` | {}{} | {} | {} | {} | {} | {} |",
            p.id,
            cell(p.name.get(lang)),
            if p.amount_ceiling { lang.pick("（金额为上限）", "（金額為上限）", " (amount is a ceiling)") } else { "" },
            cell(&scope(p, lang)),
            cell(&docs.join("；")),
            window(p, lang),
            evidence_text(p.evidence(), lang),
            if open == 0 { "—".to_string() } else { open.to_string() },
        );
    }
    if !catalog.exclusive_groups().is_empty() {
        let _ = writeln!(s, "\n## {}\n", lang.pick("不可同时享受的政策", "不可同時享受的政策", "Policies that cannot be combined"));
        for g in catalog.exclusive_groups() {
            let ids: Vec<String> = g.policies.iter().map(|p| format!("`{p}`")).collect();
            let _ = writeln!(s, "- **{}**: {} — {}（{}）", g.id, ids.join("、"), g.rule.get(lang), g.basis.get(lang));
        }
    }
    let _ = writeln!(s, "\n## {}\n", lang.pick("待核实事项", "待核實事項", "Unconfirmed facts"));
    for p in catalog.policies() {
        let facts = unconfirmed_facts(p, lang);
        if facts.is_empty() {
            continue;
        }
        let _ = writeln!(s, "### `{}` {}\n", p.id, p.name.get(lang));
        for f in facts {
            let _ = writeln!(s, "- {}", cell(&f));
        }
        s.push('\n');
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

fn count_unconfirmed(p: &Policy) -> usize {
    unconfirmed_facts(p, Lang::ZhCn).len()
}

/// Every unconfirmed fact a policy carries, wherever it is stated.
fn unconfirmed_facts(p: &Policy, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = p.unconfirmed.iter().map(|t| t.get(lang).to_string()).collect();
    for d in &p.documents {
        if let Some(u) = &d.unconfirmed {
            out.push(format!("{}：{}", d.number, u.get(lang)));
        }
    }
    for param in &p.params {
        for v in &param.versions {
            if let Some(u) = &v.unconfirmed {
                out.push(format!("{}（{} 起）：{}", param.name, v.from, u.get(lang)));
            }
        }
    }
    for c in &p.conditions {
        if let Some(u) = &c.unconfirmed {
            out.push(u.get(lang).to_string());
        }
    }
    for st in &p.steps {
        if let Some(u) = &st.unconfirmed {
            out.push(u.get(lang).to_string());
        }
    }
    out.dedup();
    out
}
