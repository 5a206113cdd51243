// The lean build (api-lite/: built-in catalog only, no catalog reader) must
// answer exactly as the full build (api/) does: the same reports, questions,
// listing and catalog identity, byte for byte, for several profiles, dates
// and languages. A replacement catalog is refused with `catalog_unsupported`.
import initFull, * as full from "/api/liaoqitong_policy_calculator.js";
import initLite, * as lite from "/api-lite/liaoqitong_policy_calculator.js";
import { FULL_PROFILE } from "./profiles.js";

await initFull({ module_or_path: new URL("/api/liaoqitong_policy_calculator_bg.wasm", import.meta.url) });
await initLite({ module_or_path: new URL("/api-lite/liaoqitong_policy_calculator_bg.wasm", import.meta.url) });

const profiles = [
  {},
  { entity_type: "enterprise", taxable_income: "900000", employees: 48, total_assets: "19000000", restricted_industry: false },
  { entity_type: "individual_business", business_taxable_income: "80000", other_relief: "2000", region_code: "210802" },
  FULL_PROFILE,
  { employees: "many", taxable_income: "-5", region_code: "999999" },
];
let compared = 0;
const differences = [];
const same = (what, a, b) => {
  compared++;
  if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(what);
};
for (const lang of ["zh-CN", "zh-TW", "en"]) {
  for (const asOf of ["2024-12-31", "2025-12-31", "2027-06-30"]) {
    const options = { lang, asOf };
    profiles.forEach((p, i) => {
      same(`evaluate ${i} ${lang} ${asOf}`, full.evaluate(p, options), lite.evaluate(p, options));
      same(`questions ${i} ${lang} ${asOf}`, full.questions(p, options), lite.questions(p, options));
      same(`validateProfile ${i} ${lang}`, full.validateProfile(p, options), lite.validateProfile(p, options));
    });
    same(`listPolicies ${lang} ${asOf}`, full.listPolicies(options), lite.listPolicies(options));
    same(`catalogInfo ${lang}`, full.catalogInfo(options), lite.catalogInfo(options));
  }
}
const codeOf = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.code;
  }
};
const refused = {
  catalog: codeOf(() => lite.evaluate({}, { catalog: '{"catalog": {"id": "t", "version": "1", "title": "t"}}' })),
  validateCatalog: codeOf(() => lite.validateCatalog("{}")),
  pinnedBuiltIn: codeOf(() => lite.evaluate({}, { catalogHash: full.catalogInfo().hash })),
  wrongPin: codeOf(() => lite.evaluate({}, { catalogHash: "sha256:00" })),
};
window.__lite = { compared, differences, refused, hash: lite.catalogInfo().hash };
