//! The widget's JS entry (pkg/widget's wasm-pack build, and the page's
//! `loader.js` in a host's iframe; with the `csr` feature only): `mount(element,
//! options)` returns a handle with `update(options)` and `destroy()`.
//! `pkg/widget/policy-calculator.js` wraps it with the `<policy-calculator>`
//! element, catalog URLs, the theme (set through the CSSOM, which a strict
//! `style-src` allows where a `style` attribute would not) and resize events.

use crate::components::app::App;
use crate::config::{CatalogRef, Config};
use calculator_core::{Catalog, Date, Lang};
use js_sys::{Function, Object, Reflect};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// A JS `Error` with a stable `code`, as the headless API throws.
fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    let _ = Reflect::set(&err, &"code".into(), &code.into());
    err.into()
}

fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The host's options as a [`Config`]. Unusable options throw, naming the option.
fn config_from(options: &JsValue) -> Result<Config, JsValue> {
    let mut c = Config::default();
    if let Some(v) = get(options, "lang") {
        c.lang = Some(Lang::from_tag(&v.as_string().unwrap_or_default()));
    }
    if let Some(v) = get(options, "asOf") {
        let text = v.as_string().unwrap_or_default();
        let d: Date = text
            .parse()
            .map_err(|_| js_error("invalid_option", &format!("asOf: `{}` is not a date (YYYY-MM-DD)", text.chars().take(40).collect::<String>())))?;
        c.as_of = Some(d);
    }
    if let Some(v) = get(options, "prefill") {
        let obj = v.dyn_ref::<Object>().ok_or_else(|| js_error("invalid_option", "prefill must be an object of CONTRACT.md keys"))?;
        let mut map = BTreeMap::new();
        for entry in Object::entries(obj).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let (Some(key), value) = (pair.get(0).as_string(), pair.get(1)) else { continue };
            let text = if let Some(s) = value.as_string() {
                s
            } else if let Some(b) = value.as_bool() {
                b.to_string()
            } else if let Some(n) = value.dyn_ref::<js_sys::Number>() {
                // Shortest decimal form: 1234.56 stays 1234.56.
                n.to_string_with_radix(10).map(String::from).unwrap_or_default()
            } else if value.is_null() || value.is_undefined() {
                continue;
            } else {
                return Err(js_error("invalid_option", &format!("prefill.{key} must be text, a number or true/false")));
            };
            map.insert(key, text);
        }
        c.prefill = Rc::new(map);
    }
    if let Some(v) = get(options, "catalog") {
        // Compiled by `compileCatalog` of the headless API, which
        // policy-calculator.js loads only when a host gives a catalog: this
        // module carries no catalog reader or checker (70 KB gzip).
        let bytes = v.dyn_ref::<js_sys::Uint8Array>().ok_or_else(|| {
            js_error("catalog_unsupported", "give the catalog to policy-calculator.js (mount or <policy-calculator>), which compiles it for this module")
        })?;
        let lang = c.lang.unwrap_or_default();
        let catalog = Catalog::from_bytes(&bytes.to_vec()).map_err(|e| js_error(e.code(), &e.message(lang)))?;
        if let Some(expected) = get(options, "catalogHash").and_then(|h| h.as_string()) {
            catalog.verify_hash(&expected).map_err(|e| js_error(e.code(), &e.message(lang)))?;
        }
        c.catalog = Some(CatalogRef::Host(Rc::new(catalog)));
    }
    if let Some(f) = get(options, "onResult").and_then(|v| v.dyn_into::<Function>().ok()) {
        c.on_result = Some(Callback::from(move |report: Rc<calculator_core::Report>| {
            // The report as a plain object (money as decimal strings).
            if let Ok(json) = serde_json::to_string(&*report) {
                if let Ok(obj) = js_sys::JSON::parse(&json) {
                    let _ = f.call1(&JsValue::NULL, &obj);
                }
            }
        }));
    }
    if let Some(f) = get(options, "onApply").and_then(|v| v.dyn_into::<Function>().ok()) {
        c.on_apply = Some(Callback::from(move |id: String| {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&id));
        }));
    }
    if let Some(v) = get(options, "localSave") {
        c.no_local_save = v.as_bool() == Some(false);
    }
    Ok(c)
}

/// A mounted calculator.
#[wasm_bindgen]
pub struct Widget {
    app: Option<yew::AppHandle<App>>,
}

/// Mounts the calculator in `element` (see the package README for options).
#[wasm_bindgen(js_name = mount)]
pub fn mount_widget(element: web_sys::Element, options: JsValue) -> Result<Widget, JsValue> {
    let config = config_from(&options)?;
    Ok(Widget { app: Some(crate::mount(element, config)) })
}

#[wasm_bindgen]
impl Widget {
    /// Applies new options; what the user typed is kept.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsValue> {
        let config = config_from(&options)?;
        if let Some(app) = self.app.as_mut() {
            app.update(config);
        }
        Ok(())
    }

    /// Unmounts the calculator and empties the element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
