//! A code found by name: an ARIA 1.2 combobox (an input with a listbox
//! popup). Typing filters the list (`codes::search`); Up/Down move through
//! it, Enter picks, Escape closes; a polite live region says how many were
//! found. The value given up is the code; a code typed in full ("210802",
//! "C3411") is given up as it is typed, without picking.

use super::t;
use crate::codes::{label, search, List};
use calculator_core::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// At most this many options are listed (the count says how many matched).
const SHOWN: usize = 40;

/// Props: the field's id and value, and where a picked code goes.
#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The input's id (its `<label for>` is the field's).
    pub id: AttrValue,
    /// Which codes.
    pub list: List,
    /// Language.
    pub lang: Lang,
    /// The stored answer.
    pub value: AttrValue,
    /// Ids of the help and error texts.
    #[prop_or_default]
    pub described: Option<AttrValue>,
    /// The stored answer has a problem.
    #[prop_or_default]
    pub invalid: bool,
    /// A code picked, or text typed that the core should check.
    pub on_pick: Callback<String>,
}

/// Whether `text` is a whole code of `list`, to be taken as typed.
fn is_code(list: List, text: &str) -> bool {
    let b = text.as_bytes();
    match list {
        List::Region => b.len() == 6 && b.iter().all(u8::is_ascii_digit),
        List::Industry => b.len() >= 2 && b.len() <= 5 && b[1..].iter().all(u8::is_ascii_digit) && (b[0].is_ascii_alphanumeric()),
    }
}

/// 行政区划或行业的搜索框.
#[component]
pub fn CodePicker(props: &PickerProps) -> Html {
    let PickerProps { id, list, lang, value, described, invalid, on_pick } = props;
    let (list, lang) = (*list, *lang);
    // What is being typed (None: the stored value is shown), whether the
    // list is open, and the option under the keyboard.
    let query = use_state(|| None::<String>);
    let open = use_state(|| false);
    let active = use_state(|| None::<usize>);
    let text = (*query).clone().unwrap_or_else(|| value.to_string());
    let found = if *open { search(list, if query.is_some() { &text } else { "" }) } else { Vec::new() };
    let all = crate::codes::entries(list);
    let options: Vec<(String, String, usize)> = found.iter().take(SHOWN).map(|e| (e.code.to_string(), label(&all, e, lang), e.depth())).collect();
    let list_id = format!("{id}-list");
    let opt_id = |i: usize| format!("{id}-opt-{i}");

    let pick = {
        let (query, open, active, on_pick) = (query.clone(), open.clone(), active.clone(), on_pick.clone());
        Callback::from(move |code: String| {
            query.set(None);
            open.set(false);
            active.set(None);
            on_pick.emit(code);
        })
    };
    let oninput = {
        let (query, open, active, on_pick) = (query.clone(), open.clone(), active.clone(), on_pick.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if is_code(list, v.trim()) {
                on_pick.emit(v.trim().to_string());
            }
            query.set(Some(v));
            open.set(true);
            active.set(None);
        })
    };
    let onkeydown = {
        let (open, active, pick) = (open.clone(), active.clone(), pick.clone());
        let codes: Vec<String> = options.iter().map(|o| o.0.clone()).collect();
        Callback::from(move |e: KeyboardEvent| {
            let n = codes.len();
            match e.key().as_str() {
                "ArrowDown" | "ArrowUp" => {
                    e.prevent_default();
                    if !*open {
                        open.set(true);
                        return;
                    }
                    if n > 0 {
                        let down = e.key() == "ArrowDown";
                        active.set(Some(match *active {
                            Some(i) if down => (i + 1) % n,
                            Some(i) => (i + n - 1) % n,
                            None if down => 0,
                            None => n - 1,
                        }));
                    }
                }
                "Enter" if *open => {
                    if let Some(code) = active.and_then(|i| codes.get(i)) {
                        e.prevent_default();
                        pick.emit(code.clone());
                    }
                }
                "Escape" if *open => {
                    e.prevent_default();
                    open.set(false);
                    active.set(None);
                }
                _ => {}
            }
        })
    };
    // Leaving the field: a name that matches one code picks it; anything
    // else typed and not picked goes to the core, which says what is wrong.
    let onblur = {
        let (query, open, on_pick, value) = (query.clone(), open.clone(), on_pick.clone(), value.clone());
        Callback::from(move |_: FocusEvent| {
            open.set(false);
            if let Some(q) = &*query {
                let one = match &search(list, q)[..] {
                    [e] if !is_code(list, q.trim()) => e.code.to_string(),
                    _ => q.trim().to_string(),
                };
                if one != value.as_str() {
                    on_pick.emit(one);
                }
            }
            query.set(None);
        })
    };
    let count = if *open {
        let n = found.len();
        match lang {
            Lang::En => format!("{n} found{}", if n > SHOWN { format!(", first {SHOWN} shown") } else { String::new() }),
            _ => format!(
                "{} {n} {}{}",
                t(lang, "找到", "找到", ""),
                t(lang, "项", "項", ""),
                if n > SHOWN { format!("，{} {SHOWN} {}", t(lang, "显示前", "顯示前", ""), t(lang, "项", "項", "")) } else { String::new() }
            ),
        }
    } else {
        String::new()
    };
    let expanded = *open && !options.is_empty();
    html! {
        <div class="lqt-combo">
            <input id={id.clone()} type="text" role="combobox" aria-autocomplete="list" aria-expanded={expanded.to_string()} aria-controls={list_id.clone()}
                aria-activedescendant={active.filter(|_| expanded).map(opt_id)} aria-describedby={described.clone()} aria-invalid={invalid.then_some("true")}
                value={text} {oninput} {onkeydown} {onblur}
                autocomplete="off" spellcheck="false" />
            <ul id={list_id} role="listbox" class="lqt-listbox" hidden={!expanded} aria-label={t(lang, "搜索结果", "搜尋結果", "Matches")}>
                { for options.iter().enumerate().map(|(i, (code, text, depth))| {
                    let code = code.clone();
                    let pick = pick.clone();
                    // mousedown, not click: the input keeps its focus (no blur first).
                    let onmousedown = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        pick.emit(code.clone());
                    });
                    html! {
                        <li id={opt_id(i)} role="option" class={format!("lqt-depth-{depth}")} aria-selected={(*active == Some(i)).to_string()} {onmousedown}>{text.clone()}</li>
                    }
                }) }
            </ul>
            <p class="lqt-visually-hidden" role="status" aria-live="polite">{count}</p>
        </div>
    }
}
