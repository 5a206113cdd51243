//! One component per file.
pub mod app;
pub mod check_answers;
pub mod code_picker;
pub mod data_controls;
pub mod field;
pub mod multi_select;
pub mod policy_card;
pub mod question_screen;
pub mod results_page;
pub mod start_page;
pub mod summary_panel;
pub mod toolbar;
pub mod totals_chart;

use calculator_core::Lang;

/// Three translations of one UI string.
pub fn t(lang: Lang, zh_cn: &'static str, zh_tw: &'static str, en: &'static str) -> &'static str {
    lang.pick(zh_cn, zh_tw, en)
}

/// A question screen's heading, from its first question's input group: the
/// default catalog's groups have their own, any other group a host's
/// catalog uses a general one.
pub fn group_title(group: &str, lang: Lang) -> &'static str {
    match group {
        "basic" => t(lang, "基本信息", "基本資訊", "About the business"),
        "tax" => t(lang, "经营与纳税", "經營與納稅", "Business and tax"),
        "six_taxes" => t(lang, "“六税两费”", "「六稅兩費」", "Six taxes and two surcharges"),
        "qualification" => t(lang, "资质认定", "資質認定", "Recognitions"),
        "employment" => t(lang, "用工与社保", "用工與社保", "Staff and social insurance"),
        "finance" => t(lang, "融资担保与工会", "融資擔保與工會", "Guarantees and trade union"),
        _ => t(lang, "其他信息", "其他資訊", "Other information"),
    }
}
