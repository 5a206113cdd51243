//! `policy-calc generate`: a synthetic register for tests and benchmarks.
//!
//! Made-up enterprises with a plausible mix: mostly micro and small firms,
//! manufacturing, trade and services in Liaoning's cities, some individual
//! businesses; about one answer in ten left blank (unknown), as in a real
//! register that misses data. Deterministic for a given seed. Nothing here is
//! a real enterprise; the credit codes only have valid check characters, and
//! the names (a city, two characters and a line of business, e.g.
//! 沈阳恒信机械制造有限公司) are made from the code, so that they do not
//! change the values drawn.

use std::io::Write;

/// splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One of `items`, by weight.
    fn pick<'a, T>(&mut self, items: &'a [(T, u64)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.next() % total;
        for (item, w) in items {
            if r < *w {
                return item;
            }
            r -= w;
        }
        &items[items.len() - 1].0
    }
}

/// The columns written, docs/CONTRACT.md keys: every input of the default
/// catalog (a test checks it), so that register matching and the question
/// measure see every input.
pub const COLUMNS: &[&str] = &[
    "credit_code",
    "entity_type",
    "region_code",
    "industry_code",
    "established_on",
    "employees",
    "annual_revenue",
    "total_assets",
    "restricted_industry",
    "cit_collection",
    "taxable_income",
    "rd_expense",
    "rd_intangible_amortization",
    "rd_deductible_last_year",
    "deductible_input_vat",
    "vat_taxpayer",
    "vat_filing_period",
    "vat_period_sales",
    "vat_special_invoice_sales",
    "business_taxable_income",
    "other_relief",
    "resource_tax",
    "city_maintenance_tax",
    "property_tax",
    "land_use_tax",
    "stamp_duty",
    "farmland_occupation_tax",
    "education_surcharge",
    "local_education_surcharge",
    "six_taxes_other_relief",
    "slp_settlement",
    "is_high_tech_enterprise",
    "ic_machine_tool_listed",
    "advanced_manufacturing_listed",
    "atse_business",
    "college_staff_ratio",
    "atse_revenue_ratio",
    "offshore_revenue_ratio",
    "high_tech_recognition",
    "above_scale",
    "tech_sme_first_filed",
    "chuying_recognized",
    "gazelle_unicorn_new",
    "in_shenyang_hitech_zone",
    "little_giant_pool_new",
    "high_tech_relocated_in",
    "ht_pool_new_entrant",
    "ht_pool_member",
    "ht_pool_years_funded",
    "onpayroll_staff",
    "disabled_staff",
    "avg_wage",
    "local_avg_wage",
    "ui_premiums_paid",
    "ui_paid_months",
    "layoff_rate",
    "insured_staff",
    "eligible_new_hires",
    "ui_raised_refund_area",
    "gov_guarantee",
    "guarantee_amount",
    "guarantee_fee_rate",
    "union_small_amount",
    "union_funds_paid",
    "loan_principal",
    "loan_issued_on",
    "loan_annual_rate",
    "loan_local_subsidy_rate",
    "startup_guaranteed_loan",
    "startup_loan_eligible_hires",
    "current_staff",
    "private_enterprise",
    "sme_key_sector_loan",
    "equipment_renewal_loan",
    "equipment_one_off_cost",
    "equipment_normal_depreciation",
    "special_equipment_investment",
    "special_equipment_upgrade_spend",
    "special_equipment_upgrade_basis",
    "cit_payable_before_credit",
    "tech_transfer_income",
    "logistics_enterprise",
    "bulk_storage_land_area",
    "land_grade_tax_rate",
    "tax_credit_rating",
    "refund_fraud_36m",
    "tax_evasion_penalties_36m",
    "vat_refund_policy_since_2019",
    "incremental_excess_credit",
    "input_composition_ratio",
    "industrial_output_increase_2025q1",
    "industrial_output_increase_2025",
    "construction_output_2025",
    "construction_output_2024",
    "construction_output_max_before_2025",
    "revenue_increase_2025q1",
    "revenue_increase_2025",
    "revenue_growth_above_city_2025q1",
    "revenue_growth_above_city_2025",
    "in_dalian_hitech_zone",
    "specialized_sme_first_recognized",
    "little_giant_first_recognized",
    "key_group_hire_months",
    "veteran_hire_months",
    "key_group_operator",
    "veteran_operator",
    "annual_vat_payable",
    "annual_vat_surcharges",
    "annual_cit_payable",
    "annual_business_iit_payable",
    "disabled_staff_month",
    "staff_month",
    "blind_massage_institution",
    "disabled_contracts_1y",
    "disabled_insurance_full",
    "disabled_wages_bank_min",
    "disabled_facilities",
    "min_wage_month",
    "vat_paid_month",
    "vat_paid_earlier_balance",
    "disabled_wages",
    "hard_to_employ_hires",
    "hard_to_employ_contributions",
    "graduate_hires",
    "graduate_contributions",
    "enterprise_funded_training",
    "training_certs_junior",
    "training_certs_intermediate",
    "training_certs_senior",
    "training_certs_technician",
    "training_certs_senior_technician",
    "apprentice_years_intermediate",
    "apprentice_years_senior",
    "disabled_vat_refund_confirmed_2026",
    "excess_credit_refund_confirmed_2026",
    "advanced_manufacturing_credit_confirmed_2026",
];

// Districts of Liaoning's cities (GB/T 2260), weighted roughly by firms.
const REGIONS: &[(&str, u64)] = &[
    ("210102", 8),
    ("210103", 6),
    ("210104", 5),
    ("210105", 5),
    ("210106", 6),
    ("210112", 6),
    ("210113", 4),
    ("210114", 3),
    ("210202", 6),
    ("210203", 5),
    ("210204", 6),
    ("210211", 7),
    ("210213", 5),
    ("210214", 2),
    ("210302", 3),
    ("210303", 3),
    ("210402", 2),
    ("210502", 2),
    ("210603", 2),
    ("210702", 2),
    ("210802", 3),
    ("210803", 2),
    ("210804", 3),
    ("210902", 1),
    ("211002", 2),
    ("211103", 2),
    ("211202", 1),
    ("211302", 1),
    ("211402", 2),
];

const INDUSTRIES: &[(&str, u64)] = &[
    ("A01", 3),
    ("C13", 3),
    ("C14", 2),
    ("C26", 3),
    ("C30", 2),
    ("C33", 4),
    ("C34", 5),
    ("C35", 4),
    ("C36", 3),
    ("C38", 3),
    ("C39", 2),
    ("E48", 4),
    ("F51", 12),
    ("F52", 14),
    ("G54", 4),
    ("G59", 2),
    ("H61", 2),
    ("H62", 6),
    ("I64", 2),
    ("I65", 5),
    ("K7020", 2),
    ("L72", 6),
    ("M74", 3),
    ("M75", 2),
    ("O80", 3),
    ("R88", 1),
];

// The 17 characters before the check character (GB 32100 leaves out I, O, S, V, Z).
const CREDIT_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A made-up 统一社会信用代码 with a valid GB 32100 check character, the one
/// the core's own check asks for.
fn credit_code(rng: &mut Rng, region: &str, individual: bool) -> String {
    let mut code = String::with_capacity(18);
    code.push_str(if individual { "92" } else { "91" });
    code.push_str(region);
    for _ in 0..9 {
        code.push(char::from(CREDIT_ALPHABET[(rng.next() % 31) as usize]));
    }
    code.push('0');
    if let Err(Some(check)) = calculator_core::profile::check_credit_code(&code) {
        code.pop();
        code.push(check);
    }
    code
}

fn yuan(v: u64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

/// `permille`/1000 of `base` 分, in 元.
fn part(base: u64, permille: u64) -> String {
    yuan(base * permille / 1000)
}

/// One enterprise, in `COLUMNS` order; `None` is a blank (unknown).
pub fn enterprise(rng: &mut Rng) -> Vec<Option<String>> {
    let individual = rng.chance(15);
    let region = *rng.pick(REGIONS);
    let industry = *rng.pick(INDUSTRIES);
    let (dalian, shenyang) = (region.starts_with("2102"), region.starts_with("2101"));
    // Size: micro 70%, small 20%, medium 8%, large 2%.
    let (staff, revenue_wan) = match rng.pick(&[(0u8, 70), (1, 20), (2, 8), (3, 2)]) {
        0 => (rng.range(1, 19), rng.range(10, 900)),
        1 => (rng.range(20, 99), rng.range(500, 5_000)),
        2 => (rng.range(100, 299), rng.range(5_000, 40_000)),
        _ => (rng.range(300, 3_000), rng.range(40_000, 400_000)),
    };
    let assets_wan = revenue_wan * rng.range(40, 160) / 100;
    let revenue = revenue_wan * 10_000 * 100; // 分
    let margin = rng.range(0, 12);
    let profit = revenue * margin / 100;
    let general = revenue_wan > 500 || rng.chance(20);
    let wage = rng.range(45_000, 110_000);
    let manufacturing = industry.starts_with('C');
    let tech = manufacturing || industry.starts_with('I') || industry.starts_with('M');
    let rd = !individual && tech && rng.chance(40);
    let high_tech = !individual && tech && rng.chance(8);
    let atse = !individual && (industry.starts_with('I') || industry.starts_with('M')) && rng.chance(15);
    let above_scale = !individual && revenue_wan >= 2_000;
    let pool_member = shenyang && tech && rng.chance(10);
    let guaranteed = !individual && rng.chance(12);
    let union = !individual && rng.chance(30);
    // The taxes 六税两费 halves, at their full amounts: most firms pay some.
    let tax = |rng: &mut Rng, permille: u64| Some(part(revenue, rng.range(0, permille)));
    let b = |v: bool| Some(v.to_string());
    let mut row: Vec<Option<String>> = vec![
        Some(credit_code(rng, region, individual)),
        Some(if individual { "individual_business" } else { "enterprise" }.into()),
        Some(region.into()),
        Some(industry.into()),
        Some(format!("{}-{:02}-{:02}", rng.range(1995, 2025), rng.range(1, 12), rng.range(1, 28))),
        Some(staff.to_string()),
        Some(yuan(revenue)),
        Some(yuan(assets_wan * 10_000 * 100)),
        b(rng.chance(2)),
        Some(if rng.chance(90) { "audit" } else { "deemed" }.into()),
        (!individual).then(|| yuan(profit)),
        // An enterprise without R&D has none to declare: 0, not unknown.
        (!individual).then(|| if rd { yuan(revenue * rng.range(1, 6) / 100) } else { "0".into() }),
        (!individual).then(|| if rd && rng.chance(30) { part(revenue, rng.range(1, 10)) } else { "0".into() }),
        (!individual).then(|| if rd { yuan(revenue * rng.range(1, 5) / 100) } else { "0".into() }),
        general.then(|| part(revenue, rng.range(20, 90))),
        Some(if general { "general" } else { "small_scale" }.into()),
        (!general).then(|| if rng.chance(80) { "quarter" } else { "month" }.into()),
        (!general).then(|| yuan(revenue / 4)),
        (!general).then(|| if rng.chance(10) { part(revenue / 4, rng.range(50, 300)) } else { "0".into() }),
        individual.then(|| yuan(profit)),
        individual.then(|| if rng.chance(20) { yuan(rng.range(1, 3_000) * 100) } else { "0".into() }),
        Some(if industry.starts_with('B') { part(revenue, 20) } else { "0".into() }),
        tax(rng, 4),
        tax(rng, 3),
        tax(rng, 2),
        tax(rng, 1),
        Some(if rng.chance(3) { part(revenue, 5) } else { "0".into() }),
        tax(rng, 2),
        tax(rng, 1),
        Some("0".into()),
        (general && !individual).then(|| rng.pick(&[("yes", 60), ("no", 30), ("first_year", 10)]).to_string()),
        b(high_tech),
        b(manufacturing && !individual && rng.chance(2)),
        b(manufacturing && general && rng.chance(8)),
        b(atse),
        atse.then(|| format!("0.{:02}", rng.range(30, 90))),
        atse.then(|| format!("0.{:02}", rng.range(40, 95))),
        atse.then(|| format!("0.{:02}", rng.range(20, 60))),
        (!individual).then(|| if tech { rng.pick(&[("none", 85), ("first", 10), ("renewal", 5)]).to_string() } else { "none".into() }),
        b(above_scale),
        b(!individual && tech && rng.chance(6)),
        b(dalian && tech && rng.chance(5)),
        b(dalian && tech && rng.chance(2)),
        b(shenyang && rng.chance(20)),
        b(shenyang && high_tech && rng.chance(20)),
        b(shenyang && high_tech && rng.chance(5)),
        b(pool_member && rng.chance(40)),
        b(pool_member),
        pool_member.then(|| rng.range(0, 3).to_string()),
        Some(staff.to_string()),
        Some((staff / 80).to_string()),
        Some(wage.to_string()),
        Some(rng.range(90_000, 110_000).to_string()),
        Some(yuan(staff * wage * 100 * 5 / 1000)),
        Some(rng.range(6, 12).to_string()),
        Some(format!("0.{:02}", rng.range(0, 8))),
        Some(staff.to_string()),
        Some(rng.range(0, 3).to_string()),
        b(rng.chance(30)),
        b(guaranteed),
        (!individual).then(|| if guaranteed { yuan(rng.range(50, 1_000) * 10_000 * 100) } else { "0".into() }),
        guaranteed.then(|| format!("0.{:03}", rng.range(5, 25))),
        b(union && rng.chance(50)),
        (!individual).then(|| if union { part(staff * wage * 100, 20) } else { "0".into() }),
    ];
    // A register misses data: about one answer in ten is blank.
    for cell in row.iter_mut().skip(1) {
        if rng.chance(10) {
            *cell = None;
        }
    }
    // The inputs of catalog 2026.12 (loans, investment, the excess credit,
    // the 沈阳 awards, employment), drawn after the older columns so that
    // those keep their values for a seed.
    let mut more = later_columns(rng, Facts { individual, industry, dalian, staff, revenue, profit, general, wage, manufacturing, tech });
    for cell in more.iter_mut() {
        if rng.chance(10) {
            *cell = None;
        }
    }
    row.extend(more);
    row
}

/// What the later columns are drawn from.
struct Facts<'a> {
    individual: bool,
    industry: &'a str,
    dalian: bool,
    staff: u64,
    /// 分.
    revenue: u64,
    /// 分.
    profit: u64,
    general: bool,
    wage: u64,
    manufacturing: bool,
    tech: bool,
}

fn later_columns(rng: &mut Rng, f: Facts<'_>) -> Vec<Option<String>> {
    let Facts { individual, industry, dalian, staff, revenue, profit, general, wage, manufacturing, tech } = f;
    let b = |v: bool| Some(v.to_string());
    let zero = || Some("0".to_string());
    let micro = staff < 20;
    // A loan: a third of enterprises, fewer individual businesses.
    let loan = rng.chance(if individual { 15 } else { 35 });
    let principal = if micro { rng.range(10, 300) } else { rng.range(100, 3_000) } * 10_000 * 100;
    let equipment = !individual && rng.chance(25);
    let special = manufacturing && rng.chance(5);
    let upgrade = special && rng.chance(30);
    let logistics = industry.starts_with('G') && rng.chance(60);
    let excess = general && rng.chance(15);
    let (industrial, construction, software) =
        (matches!(&industry[..1], "B" | "C" | "D"), industry.starts_with('E'), industry.starts_with("I64") || industry.starts_with("I65"));
    let vat_year = revenue * rng.range(0, 6) / 100;
    let welfare = !individual && rng.chance(1);
    let disabled_month = if welfare { staff * rng.range(25, 40) / 100 } else { staff / 80 };
    let training = !individual && rng.chance(10);
    let hard = !individual && rng.chance(5);
    let graduates = !individual && rng.chance(8);
    let certs = |rng: &mut Rng| if training { Some(rng.range(0, 4).to_string()) } else { zero() };
    let hard_n = if hard { rng.range(1, 3) } else { 0 };
    let grad_n = if graduates { rng.range(1, 4) } else { 0 };
    vec![
        if loan { Some(yuan(principal)) } else { zero() },
        loan.then(|| format!("{}-{:02}-{:02}", rng.range(2024, 2026), rng.range(1, 12), rng.range(1, 28))),
        loan.then(|| format!("0.0{}", rng.range(250, 600))),
        loan.then(|| if rng.chance(10) { "0.005".into() } else { "0".into() }),
        b(loan && micro && rng.chance(15)),
        Some(rng.range(0, staff / 5 + 1).to_string()),
        Some(staff.to_string()),
        b(!individual && rng.chance(85)),
        b(loan && rng.chance(20)),
        b(loan && manufacturing && rng.chance(20)),
        if equipment { Some(part(revenue, rng.range(5, 60))) } else { zero() },
        if equipment { Some(part(revenue, rng.range(1, 6))) } else { zero() },
        if special { Some(part(revenue, rng.range(5, 30))) } else { zero() },
        if upgrade { Some(part(revenue, rng.range(1, 10))) } else { zero() },
        if upgrade { Some(part(revenue, rng.range(20, 80))) } else { zero() },
        (!individual).then(|| yuan(profit / 4)),
        if !individual && tech && rng.chance(3) { Some(part(revenue, rng.range(10, 100))) } else { zero() },
        b(logistics),
        if logistics && rng.chance(30) { Some(rng.range(3_000, 50_000).to_string()) } else { zero() },
        Some(rng.range(1, 24).to_string()),
        Some(rng.pick(&[("A", 30), ("B", 50), ("M", 15), ("C", 4), ("D", 1)]).to_string()),
        b(rng.chance(1)),
        Some(if rng.chance(2) { "1" } else { "0" }.into()),
        b(rng.chance(3)),
        if excess { Some(part(revenue, rng.range(5, 40))) } else { zero() },
        Some(format!("0.{}", rng.range(60, 98))),
        if industrial { Some(part(revenue / 4, rng.range(0, 300))) } else { zero() },
        if industrial { Some(part(revenue, rng.range(0, 300))) } else { zero() },
        if construction { Some(yuan(revenue)) } else { zero() },
        if construction { Some(part(revenue, rng.range(700, 1_100))) } else { zero() },
        if construction { Some(part(revenue, rng.range(800, 1_300))) } else { zero() },
        if software { Some(part(revenue / 4, rng.range(0, 300))) } else { zero() },
        if software { Some(part(revenue, rng.range(0, 300))) } else { zero() },
        b(software && rng.chance(40)),
        b(software && rng.chance(40)),
        b(dalian && rng.chance(15)),
        b(!individual && rng.chance(3)),
        b(!individual && rng.chance(1)),
        if !individual && rng.chance(5) { Some(rng.range(3, 36).to_string()) } else { zero() },
        if !individual && rng.chance(3) { Some(rng.range(3, 24).to_string()) } else { zero() },
        b(individual && rng.chance(10)),
        b(individual && rng.chance(5)),
        Some(yuan(vat_year)),
        Some(yuan(vat_year * 12 / 100)),
        (!individual).then(|| yuan(profit / 4)),
        individual.then(|| yuan(profit / 10)),
        Some(disabled_month.to_string()),
        Some(staff.to_string()),
        b(individual && rng.chance(1)),
        b(rng.chance(70)),
        b(rng.chance(70)),
        b(rng.chance(70)),
        b(rng.chance(70)),
        Some(rng.pick(&[("2230", 40), ("2080", 40), ("1930", 20)]).to_string()),
        Some(yuan(vat_year / 12)),
        Some(if rng.chance(20) { yuan(vat_year / 4) } else { "0".into() }),
        Some(yuan(disabled_month * wage * 100)),
        Some(hard_n.to_string()),
        Some(yuan(hard_n * rng.range(8_000, 15_000) * 100)),
        Some(grad_n.to_string()),
        Some(yuan(grad_n * rng.range(8_000, 15_000) * 100)),
        b(training),
        certs(rng),
        certs(rng),
        certs(rng),
        certs(rng),
        certs(rng),
        if rng.chance(2) { Some(rng.range(1, 4).to_string()) } else { zero() },
        if rng.chance(1) { Some(rng.range(1, 4).to_string()) } else { zero() },
        // Whether the tax office confirmed a VAT relief's continuation from
        // 2026: a register rarely knows (blank); a few have asked.
        rng.chance(10).then(|| rng.chance(50).to_string()),
        rng.chance(10).then(|| rng.chance(50).to_string()),
        rng.chance(10).then(|| rng.chance(50).to_string()),
    ]
}

/// The column of the enterprise's name, written second.
pub const NAME: &str = "name";

/// A made-up name for the enterprise `row` (in `COLUMNS` order), drawn from
/// its credit code: the city of its region, two characters, and a line of
/// business by its industry (a shop for an individual business).
pub fn name(row: &[Option<String>]) -> String {
    const CITIES: &[(&str, &str)] = &[
        ("2101", "沈阳"),
        ("2102", "大连"),
        ("2103", "鞍山"),
        ("2104", "抚顺"),
        ("2105", "本溪"),
        ("2106", "丹东"),
        ("2107", "锦州"),
        ("2108", "营口"),
        ("2109", "阜新"),
        ("2110", "辽阳"),
        ("2111", "盘锦"),
        ("2112", "铁岭"),
        ("2113", "朝阳"),
        ("2114", "葫芦岛"),
    ];
    const WORDS: &[&str] = &["恒", "信", "华", "泰", "兴", "盛", "达", "辉", "瑞", "鑫", "诚", "德", "宏", "远", "丰", "嘉", "和", "隆", "通", "安"];
    let code = row.first().and_then(|c| c.as_deref()).unwrap_or("");
    // FNV-1a over the code: the same name for the same code, everywhere.
    let h = code.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let city = CITIES.iter().find(|(p, _)| code.get(2..6) == Some(p)).map_or("辽宁", |c| c.1);
    let (a, b) = (WORDS[(h % 20) as usize], WORDS[((h >> 8) % 20) as usize]);
    let individual = code.starts_with("92");
    let industry = row.get(3).and_then(|c| c.as_deref()).unwrap_or("");
    let business = match (individual, industry.chars().next()) {
        (true, Some('F')) => "商店",
        (true, Some('H')) => "饭店",
        (true, _) => "经营部",
        (false, Some('A')) => "农业发展有限公司",
        (false, Some('C')) => "机械制造有限公司",
        (false, Some('E')) => "建筑工程有限公司",
        (false, Some('F')) => "商贸有限公司",
        (false, Some('G')) => "物流有限公司",
        (false, Some('H')) => "餐饮管理有限公司",
        (false, Some('I')) => "信息技术有限公司",
        (false, Some('K')) => "物业服务有限公司",
        (false, Some('L')) => "商务咨询有限公司",
        (false, Some('M')) => "科技有限公司",
        (false, _) => "有限公司",
    };
    format!("{city}{a}{b}{business}")
}

/// Writes `rows` enterprises as an xlsx workbook of one sheet (企业名录), the
/// columns of [`write`], each cell of its input's type as a clerk's sheet
/// would have it: numbers for amounts, counts, ratios and the region code,
/// booleans, dates (shown yyyy-mm-dd), text for the rest; a blank is no cell.
/// With `low_memory` (the `constant-memory` feature), finished rows go to a
/// temporary file; strings are shared, as Excel saves them, either way.
pub fn write_xlsx<W: Write + std::io::Seek + Send>(out: W, rows: u64, seed: u64, low_memory: bool) -> Result<(), String> {
    use calculator_core::InputKind;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let catalog = calculator_core::default_catalog().map_err(|e| e.to_string())?;
    let kinds: Vec<Option<InputKind>> = COLUMNS.iter().map(|k| catalog.input(k).map(|i| i.kind)).collect();
    let mut book = Workbook::new();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1).map_err(|e| e.to_string())?));
    let ws = {
        #[cfg(feature = "constant-memory")]
        let ws = if low_memory { book.add_worksheet_with_low_memory().map_err(|e| e.to_string())? } else { book.add_worksheet() };
        #[cfg(not(feature = "constant-memory"))]
        let ws = {
            let _ = low_memory;
            book.add_worksheet()
        };
        ws
    };
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.set_name("企业名录").map_err(e)?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, COLUMNS[0]).map_err(e)?;
    ws.write_string(0, 1, NAME).map_err(e)?;
    for (c, k) in COLUMNS.iter().enumerate().skip(1) {
        ws.write_string(0, c as u16 + 1, *k).map_err(e)?;
    }
    let mut rng = Rng::new(seed);
    for r in 1..=rows as u32 {
        let row = enterprise(&mut rng);
        ws.write_string(r, 1, name(&row)).map_err(e)?;
        for (c, (cell, kind)) in row.iter().zip(&kinds).enumerate() {
            let Some(v) = cell else { continue };
            let c = if c == 0 { 0 } else { c as u16 + 1 };
            match kind {
                Some(InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio | InputKind::RegionCode) => {
                    let n: f64 = v.parse().map_err(|_| format!("{v}: not a number"))?;
                    ws.write_number(r, c, n).map_err(e)?;
                }
                Some(InputKind::Boolean) => {
                    ws.write_boolean(r, c, v == "true").map_err(e)?;
                }
                Some(InputKind::Date) => {
                    ws.write_datetime_with_format(r, c, ExcelDateTime::parse_from_str(v).map_err(e)?, &date).map_err(e)?;
                }
                _ => {
                    ws.write_string(r, c, v).map_err(e)?;
                }
            }
        }
    }
    book.save_to_writer(out).map_err(e)
}

/// Writes `rows` enterprises as CSV (with a header) or JSON Lines: the
/// credit code, the name, then the other `COLUMNS`.
pub fn write(out: &mut dyn Write, rows: u64, seed: u64, jsonl: bool) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    if !jsonl {
        writeln!(out, "{},{NAME},{}", COLUMNS[0], COLUMNS[1..].join(","))?;
    }
    for _ in 0..rows {
        let row = enterprise(&mut rng);
        let name = name(&row);
        if jsonl {
            let mut obj: serde_json::Map<String, serde_json::Value> =
                COLUMNS.iter().zip(row).filter_map(|(k, v)| v.map(|v| (k.to_string(), serde_json::Value::String(v)))).collect();
            obj.insert(NAME.to_string(), serde_json::Value::String(name));
            writeln!(out, "{}", serde_json::Value::Object(obj))?;
        } else {
            let mut cells: Vec<String> = row.into_iter().map(Option::unwrap_or_default).collect();
            cells.insert(1, name);
            writeln!(out, "{}", cells.join(","))?;
        }
    }
    Ok(())
}
