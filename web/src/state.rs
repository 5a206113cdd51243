//! The page's state and its one reducer. Nothing here decides eligibility:
//! answers become a `Profile`, and `calculator-core` does the rest.

use crate::config::CatalogRef;
use calculator_core::{questions, Catalog, Date, InputKind, Lang, Options, Profile};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use yew::Reducible;

/// The input groups this page knows, in the order it asks them, each with a
/// heading of its own (`components::group_title`).
pub const KNOWN_GROUPS: &[&str] = &["basic", "tax", "six_taxes", "qualification", "employment", "finance"];

/// The question steps for `catalog`, one per input `group`: the known groups,
/// in their order (a step with nothing to ask is skipped, as before), then
/// every other group in the order the catalog's inputs first use it, so that
/// a host's catalog has each of its inputs asked. The known groups keep their
/// places whatever the catalog.
pub fn step_groups(catalog: &Catalog) -> Vec<&str> {
    let mut groups = KNOWN_GROUPS.to_vec();
    for i in catalog.inputs() {
        if !groups.contains(&i.group.as_str()) {
            groups.push(&i.group);
        }
    }
    groups
}

/// Where the user is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// What the calculator does, what to have ready.
    Start,
    /// One group of questions (index into [`State::groups`]).
    Step(usize),
    /// 核对答案.
    Check,
    /// The full results.
    Results,
}

/// One answer as typed: the text is kept exactly, even when it is not valid
/// yet, so nothing the user typed is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A value as typed; for money, `wan` says the unit is 万元.
    Value { text: String, wan: bool },
    /// 不确定: left unknown on purpose (never counts as yes).
    Unsure,
}

/// Everything the page shows follows from this.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Current screen.
    pub screen: Screen,
    /// Answers by profile key.
    pub answers: BTreeMap<String, Answer>,
    /// Keys shown on the current step: the group's questions still open plus
    /// those answered (so a question never vanishes while it is being
    /// answered), refreshed as answers reveal follow-up questions.
    pub shown: Vec<String>,
    /// Steps visited, for the back link.
    pub trail: Vec<Screen>,
    /// Whether 继续 was pressed on this step with errors (show the summary).
    pub attempted: bool,
    /// After a 修改 from the check page, return there.
    pub return_to_check: bool,
    /// Language.
    pub lang: Lang,
    /// Whose rules apply.
    pub as_of: Date,
    /// 大字版.
    pub large_text: bool,
    /// 高对比度.
    pub high_contrast: bool,
    /// Opt-in: keep answers in this browser's localStorage.
    pub save: bool,
    /// The catalog evaluated.
    pub catalog: CatalogRef,
    /// Keys whose answer came from the host (辽企通's records); editable.
    pub prefilled: BTreeSet<String>,
}

/// What can happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// 开始.
    Start,
    /// A value typed or chosen.
    Answer(String, String),
    /// The money unit switched (true = 万元).
    Unit(String, bool),
    /// 不确定.
    Unsure(String),
    /// Clear one answer.
    Clear(String),
    /// 继续 (with the number of errors on the step).
    Continue { errors: usize },
    /// 返回.
    Back,
    /// 修改: the step holding `key`, then back to the check page.
    Change(String),
    /// Straight to a screen.
    Go(Screen),
    /// Language.
    Lang(Lang),
    /// Evaluation date.
    AsOf(Date),
    /// 大字版 on/off.
    LargeText(bool),
    /// 高对比度 on/off.
    HighContrast(bool),
    /// Save on this device on/off.
    Save(bool),
    /// 清除我的数据.
    ClearAll,
    /// Answers imported from a file or a share link.
    Import(BTreeMap<String, Answer>),
    /// The host's data: fills what the user has not answered.
    Prefill(BTreeMap<String, String>),
    /// The host replaced the catalog.
    Catalog(CatalogRef),
}

impl State {
    /// A fresh state for `today`, evaluating `catalog`.
    pub fn new(today: Date, catalog: CatalogRef) -> State {
        State {
            screen: Screen::Start,
            answers: BTreeMap::new(),
            shown: Vec::new(),
            trail: Vec::new(),
            attempted: false,
            return_to_check: false,
            lang: Lang::ZhCn,
            as_of: today,
            large_text: false,
            high_contrast: false,
            save: false,
            catalog,
            prefilled: BTreeSet::new(),
        }
    }

    /// The answers as a profile: unsure and empty answers are left out
    /// (unknown), money in 万元 keeps its unit as text (`"12.5万"`), which the
    /// core converts exactly.
    pub fn profile(&self) -> Profile {
        let mut p = Profile::new();
        let catalog = &self.catalog;
        for (key, answer) in &self.answers {
            let Answer::Value { text, wan } = answer else { continue };
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            match catalog.input(key).map(|i| i.kind) {
                Some(InputKind::Boolean) if text == "true" || text == "false" => p.set(key, text == "true"),
                Some(InputKind::Money) if *wan => p.set(key, format!("{text}万").as_str()),
                _ => p.set(key, text),
            }
        }
        p
    }

    /// The question steps: the catalog's input groups ([`step_groups`]).
    pub fn groups(&self) -> Vec<&str> {
        step_groups(&self.catalog)
    }

    /// The evaluation options.
    pub fn options(&self) -> Options {
        Options { as_of: self.as_of, lang: self.lang }
    }

    /// Keys the core still needs, by group.
    fn open_keys(&self) -> BTreeSet<String> {
        // Inserted one by one: collecting into a set links a sort of its own (8 KB of wasm).
        let mut open = BTreeSet::new();
        for q in questions(&self.catalog, &self.profile(), &self.options()) {
            open.insert(q.key);
        }
        open
    }

    /// The keys a step shows: still-needed questions of the group, and the
    /// answers already given in it, in the catalog's order.
    fn keys_for(&self, group: usize, open: &BTreeSet<String>) -> Vec<String> {
        let Some(group) = self.groups().get(group).copied() else { return Vec::new() };
        self.catalog
            .inputs()
            .iter()
            .filter(|i| i.group == group)
            .filter(|i| open.contains(&i.key) || self.answers.contains_key(&i.key))
            .map(|i| i.key.clone())
            .collect()
    }

    /// Opens the first step at or after `from` with a question still open,
    /// else the check page, asking the core what is open only once.
    fn advance(&mut self, from: usize) {
        let open = self.open_keys();
        let next = (from..self.groups().len()).find(|g| self.keys_for(*g, &open).iter().any(|k| open.contains(k)));
        self.show(next.map_or(Screen::Check, Screen::Step), &open);
    }

    fn open(&mut self, screen: Screen) {
        let open = if matches!(screen, Screen::Step(_)) { self.open_keys() } else { BTreeSet::new() };
        self.show(screen, &open);
    }

    fn show(&mut self, screen: Screen, open: &BTreeSet<String>) {
        if self.screen != screen {
            self.trail.push(self.screen);
        }
        self.screen = screen;
        self.attempted = false;
        if let Screen::Step(g) = screen {
            self.shown = self.keys_for(g, open);
        }
    }

    /// After an answer changes: a follow-up question it opens (担保金额 after
    /// 是否担保) appears on the same step, in the catalog's order.
    fn refresh_step(&mut self) {
        if let Screen::Step(g) = self.screen {
            let open = self.open_keys();
            let answers = &self.answers;
            let keep: Vec<String> = self.shown.iter().filter(|k| answers.contains_key(*k)).cloned().collect();
            let mut shown = self.keys_for(g, &open);
            for k in keep {
                if !shown.contains(&k) {
                    shown.push(k);
                }
            }
            self.shown = shown;
        }
    }

    /// The step a key is asked on.
    pub fn group_of(&self, key: &str) -> Option<usize> {
        let input = self.catalog.input(key)?;
        self.groups().iter().position(|g| *g == input.group)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Start => s.advance(0),
            Action::Answer(key, text) => {
                let wan = matches!(s.answers.get(&key), Some(Answer::Value { wan: true, .. }));
                s.prefilled.remove(&key);
                s.answers.insert(key, Answer::Value { text, wan });
                s.refresh_step();
            }
            Action::Unit(key, wan) => {
                let text = match s.answers.get(&key) {
                    Some(Answer::Value { text, .. }) => text.clone(),
                    _ => String::new(),
                };
                s.answers.insert(key, Answer::Value { text, wan });
            }
            Action::Unsure(key) => {
                s.answers.insert(key, Answer::Unsure);
                s.refresh_step();
            }
            Action::Clear(key) => {
                s.prefilled.remove(&key);
                s.answers.remove(&key);
                s.refresh_step();
            }
            Action::Continue { errors } => {
                if errors > 0 {
                    s.attempted = true;
                } else if s.return_to_check {
                    s.return_to_check = false;
                    s.open(Screen::Check);
                } else {
                    let from = match s.screen {
                        Screen::Step(g) => g + 1,
                        _ => 0,
                    };
                    s.advance(from);
                }
            }
            Action::Back => {
                if let Some(prev) = s.trail.pop() {
                    s.screen = prev;
                    s.attempted = false;
                    if let Screen::Step(g) = prev {
                        let open = s.open_keys();
                        s.shown = s.keys_for(g, &open);
                    }
                }
            }
            Action::Change(key) => {
                if let Some(g) = s.group_of(&key) {
                    s.return_to_check = s.screen == Screen::Check || s.screen == Screen::Results;
                    s.open(Screen::Step(g));
                    if !s.shown.contains(&key) {
                        s.shown.push(key);
                    }
                }
            }
            Action::Go(screen) => s.open(screen),
            Action::Lang(l) => s.lang = l,
            Action::AsOf(d) => s.as_of = d,
            Action::LargeText(on) => s.large_text = on,
            Action::HighContrast(on) => s.high_contrast = on,
            Action::Save(on) => s.save = on,
            Action::ClearAll => {
                let (lang, as_of, catalog) = (s.lang, s.as_of, s.catalog.clone());
                s = State::new(as_of, catalog);
                s.lang = lang;
            }
            Action::Import(answers) => {
                s.answers = answers;
                s.refresh_step();
            }
            Action::Prefill(values) => {
                for (key, text) in values {
                    if s.answers.contains_key(&key) && !s.prefilled.contains(&key) {
                        continue; // what the user typed wins
                    }
                    s.answers.insert(key.clone(), Answer::Value { text, wan: false });
                    s.prefilled.insert(key);
                }
                s.refresh_step();
            }
            Action::Catalog(c) => {
                s.catalog = c;
                s.refresh_step();
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State::new("2025-12-31".parse().unwrap(), CatalogRef::builtin().unwrap())
    }

    #[test]
    fn money_in_wan_is_sent_with_its_unit_and_unsure_is_unknown() {
        let mut s = state();
        s.answers.insert("taxable_income".into(), Answer::Value { text: "12.5".into(), wan: true });
        s.answers.insert("is_high_tech_enterprise".into(), Answer::Unsure);
        s.answers.insert("restricted_industry".into(), Answer::Value { text: "false".into(), wan: false });
        let p = s.profile();
        assert_eq!(p.0["taxable_income"], calculator_core::RawValue::Text("12.5万".into()));
        assert_eq!(p.0["restricted_industry"], calculator_core::RawValue::Bool(false));
        assert!(!p.0.contains_key("is_high_tech_enterprise"));
    }

    /// A host's catalog: inputs in a known group and in two others.
    fn host_catalog() -> CatalogRef {
        let json = r#"{
          "catalog": {"id": "host", "version": "1", "title": "t"},
          "input": [
            {"key": "area", "type": "number", "group": "environment", "label": "占地面积"},
            {"key": "n", "type": "integer", "group": "basic", "label": "件数"},
            {"key": "exporter", "type": "boolean", "group": "export", "label": "是否出口"},
            {"key": "m", "type": "integer", "group": "environment", "label": "排放量"}
          ],
          "policy": [{"id": "x.p", "name": "p", "category": "subsidy", "level": "municipal", "valid_from": "2020-01-01",
            "delivery": {"mode": "apply"}, "amount": "n * 10",
            "document": [{"key": "d", "title": "d", "number": "1", "issuer": "i", "evidence": "official"}],
            "condition": [{"id": "c", "text": "c", "when": "n >= 2 and area > m and exporter", "cite": "一"}]}]
        }"#;
        CatalogRef::Host(Rc::new(calculator_core::Catalog::from_json(&[("host.json", json)]).unwrap()))
    }

    #[test]
    fn the_steps_are_the_known_groups_then_the_catalogs_own_in_first_use_order() {
        assert_eq!(state().groups(), KNOWN_GROUPS);
        let s = State::new("2025-12-31".parse().unwrap(), host_catalog());
        assert_eq!(s.groups()[..], [KNOWN_GROUPS, &["environment", "export"]].concat());
        // Every input is asked: the flow goes through the steps that ask something.
        let s = Rc::new(s).reduce(Action::Start);
        assert_eq!((s.screen, &s.shown[..]), (Screen::Step(0), &["n".to_string()][..]));
        let s = s.reduce(Action::Answer("n".into(), "3".into())).reduce(Action::Continue { errors: 0 });
        assert_eq!((s.screen, &s.shown[..]), (Screen::Step(6), &["area".to_string(), "m".to_string()][..]));
        let s = s.reduce(Action::Answer("area".into(), "9".into())).reduce(Action::Answer("m".into(), "1".into()));
        let s = s.reduce(Action::Continue { errors: 0 });
        assert_eq!((s.screen, &s.shown[..]), (Screen::Step(7), &["exporter".to_string()][..]));
        assert_eq!(s.group_of("exporter"), Some(7));
    }

    #[test]
    fn the_flow_skips_steps_with_nothing_left_to_ask() {
        let s = Rc::new(state()).reduce(Action::Start);
        assert_eq!(s.screen, Screen::Step(0));
        assert!(s.shown.contains(&"entity_type".to_string()));
        // An individual business: no CIT questions; the 六税两费 step still asks the taxes.
        let s = s.reduce(Action::Answer("entity_type".into(), "individual_business".into()));
        assert!(s.shown.contains(&"entity_type".to_string()), "an answered question stays on its step");
    }

    #[test]
    fn a_follow_up_question_appears_on_the_step_as_soon_as_it_matters() {
        let mut s = state();
        for (k, v) in
            [("entity_type", "enterprise"), ("industry_code", "C3411"), ("employees", "48"), ("annual_revenue", "28000000"), ("total_assets", "19000000")]
        {
            s.answers.insert(k.into(), Answer::Value { text: v.into(), wan: false });
        }
        let s = Rc::new(s).reduce(Action::Go(Screen::Step(5)));
        assert!(!s.shown.contains(&"guarantee_fee_rate".to_string()), "{:?}", s.shown);
        let s = s.reduce(Action::Answer("gov_guarantee".into(), "true".into()));
        let s = s.reduce(Action::Answer("guarantee_amount".into(), "3000000".into()));
        assert!(s.shown.contains(&"guarantee_fee_rate".to_string()), "{:?}", s.shown);
        // …and goes again when the answer that opened it is taken back; what
        // was typed stays on the step.
        let s = s.reduce(Action::Answer("gov_guarantee".into(), "false".into()));
        assert!(!s.shown.contains(&"guarantee_fee_rate".to_string()), "{:?}", s.shown);
        assert!(s.shown.contains(&"guarantee_amount".to_string()), "{:?}", s.shown);
    }
}
