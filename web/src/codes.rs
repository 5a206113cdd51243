//! Code lists for the pickers: GB/T 4754-2017 国民经济行业分类 (门类 and
//! 大类; the 2019 amendment left both levels unchanged) and Liaoning's
//! prefecture-level cities (GB/T 2260). They only help the user type a code;
//! the core validates whatever is typed.

/// 门类: letter, 大类 range, then zh-CN, zh-TW, en.
pub const SECTIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("A", "01–05", "农、林、牧、渔业", "農、林、牧、漁業", "Agriculture, forestry, livestock, fishery"),
    ("B", "06–12", "采矿业", "採礦業", "Mining"),
    ("C", "13–43", "制造业", "製造業", "Manufacturing"),
    ("D", "44–46", "电力、热力、燃气及水生产和供应业", "電力、熱力、燃氣及水生產和供應業", "Electricity, heat, gas and water"),
    ("E", "47–50", "建筑业", "建築業", "Construction"),
    ("F", "51–52", "批发和零售业", "批發和零售業", "Wholesale and retail"),
    ("G", "53–60", "交通运输、仓储和邮政业", "交通運輸、倉儲和郵政業", "Transport, storage and post"),
    ("H", "61–62", "住宿和餐饮业", "住宿和餐飲業", "Accommodation and catering"),
    ("I", "63–65", "信息传输、软件和信息技术服务业", "信息傳輸、軟件和信息技術服務業", "Information transmission, software and IT"),
    ("J", "66–69", "金融业", "金融業", "Finance"),
    ("K", "70", "房地产业", "房地產業", "Real estate"),
    ("L", "71–72", "租赁和商务服务业", "租賃和商務服務業", "Leasing and business services"),
    ("M", "73–75", "科学研究和技术服务业", "科學研究和技術服務業", "Scientific research and technical services"),
    ("N", "76–79", "水利、环境和公共设施管理业", "水利、環境和公共設施管理業", "Water, environment and public facilities"),
    ("O", "80–82", "居民服务、修理和其他服务业", "居民服務、修理和其他服務業", "Residential, repair and other services"),
    ("P", "83", "教育", "教育", "Education"),
    ("Q", "84–85", "卫生和社会工作", "衛生和社會工作", "Health and social work"),
    ("R", "86–90", "文化、体育和娱乐业", "文化、體育和娛樂業", "Culture, sports and entertainment"),
    ("S", "91–96", "公共管理、社会保障和社会组织", "公共管理、社會保障和社會組織", "Public administration and social organisations"),
    ("T", "97", "国际组织", "國際組織", "International organisations"),
];

/// 大类: two-digit code (its 门类 follows from the code), zh-CN, zh-TW, en.
pub const DIVISIONS: &[(&str, &str, &str, &str)] = &[
    ("01", "农业", "農業", "Farming"),
    ("02", "林业", "林業", "Forestry"),
    ("03", "畜牧业", "畜牧業", "Livestock"),
    ("04", "渔业", "漁業", "Fishery"),
    ("05", "农、林、牧、渔专业及辅助性活动", "農、林、牧、漁專業及輔助性活動", "Farming support services"),
    ("06", "煤炭开采和洗选业", "煤炭開採和洗選業", "Coal mining"),
    ("07", "石油和天然气开采业", "石油和天然氣開採業", "Oil and gas extraction"),
    ("08", "黑色金属矿采选业", "黑色金屬礦採選業", "Ferrous metal ore mining"),
    ("09", "有色金属矿采选业", "有色金屬礦採選業", "Non-ferrous metal ore mining"),
    ("10", "非金属矿采选业", "非金屬礦採選業", "Non-metallic mineral mining"),
    ("11", "开采专业及辅助性活动", "開採專業及輔助性活動", "Mining support services"),
    ("12", "其他采矿业", "其他採礦業", "Other mining"),
    ("13", "农副食品加工业", "農副食品加工業", "Agricultural and sideline food processing"),
    ("14", "食品制造业", "食品製造業", "Food manufacturing"),
    ("15", "酒、饮料和精制茶制造业", "酒、飲料和精製茶製造業", "Liquor, beverages and refined tea"),
    ("16", "烟草制品业", "煙草製品業", "Tobacco products"),
    ("17", "纺织业", "紡織業", "Textiles"),
    ("18", "纺织服装、服饰业", "紡織服裝、服飾業", "Apparel and clothing accessories"),
    ("19", "皮革、毛皮、羽毛及其制品和制鞋业", "皮革、毛皮、羽毛及其製品和製鞋業", "Leather, fur, feather and footwear"),
    ("20", "木材加工和木、竹、藤、棕、草制品业", "木材加工和木、竹、藤、棕、草製品業", "Wood, bamboo, rattan, palm and straw products"),
    ("21", "家具制造业", "傢具製造業", "Furniture"),
    ("22", "造纸和纸制品业", "造紙和紙製品業", "Paper and paper products"),
    ("23", "印刷和记录媒介复制业", "印刷和記錄媒介複製業", "Printing and recorded media"),
    ("24", "文教、工美、体育和娱乐用品制造业", "文教、工美、體育和娛樂用品製造業", "Stationery, crafts, sports and toy goods"),
    ("25", "石油、煤炭及其他燃料加工业", "石油、煤炭及其他燃料加工業", "Petroleum, coal and other fuel processing"),
    ("26", "化学原料和化学制品制造业", "化學原料和化學製品製造業", "Chemical materials and products"),
    ("27", "医药制造业", "醫藥製造業", "Pharmaceuticals"),
    ("28", "化学纤维制造业", "化學纖維製造業", "Chemical fibres"),
    ("29", "橡胶和塑料制品业", "橡膠和塑料製品業", "Rubber and plastic products"),
    ("30", "非金属矿物制品业", "非金屬礦物製品業", "Non-metallic mineral products"),
    ("31", "黑色金属冶炼和压延加工业", "黑色金屬冶煉和壓延加工業", "Ferrous metal smelting and rolling"),
    ("32", "有色金属冶炼和压延加工业", "有色金屬冶煉和壓延加工業", "Non-ferrous metal smelting and rolling"),
    ("33", "金属制品业", "金屬製品業", "Fabricated metal products"),
    ("34", "通用设备制造业", "通用設備製造業", "General-purpose machinery"),
    ("35", "专用设备制造业", "專用設備製造業", "Special-purpose machinery"),
    ("36", "汽车制造业", "汽車製造業", "Motor vehicles"),
    ("37", "铁路、船舶、航空航天和其他运输设备制造业", "鐵路、船舶、航空航天和其他運輸設備製造業", "Railway, ships, aerospace and other transport equipment"),
    ("38", "电气机械和器材制造业", "電氣機械和器材製造業", "Electrical machinery and equipment"),
    ("39", "计算机、通信和其他电子设备制造业", "計算機、通信和其他電子設備製造業", "Computers, communication and other electronic equipment"),
    ("40", "仪器仪表制造业", "儀器儀表製造業", "Instruments and meters"),
    ("41", "其他制造业", "其他製造業", "Other manufacturing"),
    ("42", "废弃资源综合利用业", "廢棄資源綜合利用業", "Recycling of waste resources"),
    ("43", "金属制品、机械和设备修理业", "金屬製品、機械和設備修理業", "Repair of metal products, machinery and equipment"),
    ("44", "电力、热力生产和供应业", "電力、熱力生產和供應業", "Electricity and heat"),
    ("45", "燃气生产和供应业", "燃氣生產和供應業", "Gas"),
    ("46", "水的生产和供应业", "水的生產和供應業", "Water"),
    ("47", "房屋建筑业", "房屋建築業", "Building construction"),
    ("48", "土木工程建筑业", "土木工程建築業", "Civil engineering"),
    ("49", "建筑安装业", "建築安裝業", "Building installation"),
    ("50", "建筑装饰、装修和其他建筑业", "建築裝飾、裝修和其他建築業", "Building decoration and other construction"),
    ("51", "批发业", "批發業", "Wholesale"),
    ("52", "零售业", "零售業", "Retail"),
    ("53", "铁路运输业", "鐵路運輸業", "Rail transport"),
    ("54", "道路运输业", "道路運輸業", "Road transport"),
    ("55", "水上运输业", "水上運輸業", "Water transport"),
    ("56", "航空运输业", "航空運輸業", "Air transport"),
    ("57", "管道运输业", "管道運輸業", "Pipeline transport"),
    ("58", "多式联运和运输代理业", "多式聯運和運輸代理業", "Multimodal transport and forwarding"),
    ("59", "装卸搬运和仓储业", "裝卸搬運和倉儲業", "Handling and warehousing"),
    ("60", "邮政业", "郵政業", "Postal services"),
    ("61", "住宿业", "住宿業", "Accommodation"),
    ("62", "餐饮业", "餐飲業", "Catering"),
    ("63", "电信、广播电视和卫星传输服务", "電信、廣播電視和衛星傳輸服務", "Telecommunications, broadcasting and satellite transmission"),
    ("64", "互联网和相关服务", "互聯網和相關服務", "Internet and related services"),
    ("65", "软件和信息技术服务业", "軟件和信息技術服務業", "Software and IT services"),
    ("66", "货币金融服务", "貨幣金融服務", "Monetary financial services"),
    ("67", "资本市场服务", "資本市場服務", "Capital market services"),
    ("68", "保险业", "保險業", "Insurance"),
    ("69", "其他金融业", "其他金融業", "Other financial services"),
    ("70", "房地产业", "房地產業", "Real estate"),
    ("71", "租赁业", "租賃業", "Leasing"),
    ("72", "商务服务业", "商務服務業", "Business services"),
    ("73", "研究和试验发展", "研究和試驗發展", "Research and experimental development"),
    ("74", "专业技术服务业", "專業技術服務業", "Professional technical services"),
    ("75", "科技推广和应用服务业", "科技推廣和應用服務業", "Technology promotion and application services"),
    ("76", "水利管理业", "水利管理業", "Water management"),
    ("77", "生态保护和环境治理业", "生態保護和環境治理業", "Ecological protection and environmental management"),
    ("78", "公共设施管理业", "公共設施管理業", "Public facilities management"),
    ("79", "土地管理业", "土地管理業", "Land management"),
    ("80", "居民服务业", "居民服務業", "Residential services"),
    ("81", "机动车、电子产品和日用产品修理业", "機動車、電子產品和日用產品修理業", "Repair of vehicles, electronics and household goods"),
    ("82", "其他服务业", "其他服務業", "Other services"),
    ("83", "教育", "教育", "Education"),
    ("84", "卫生", "衛生", "Health"),
    ("85", "社会工作", "社會工作", "Social work"),
    ("86", "新闻和出版业", "新聞和出版業", "News and publishing"),
    ("87", "广播、电视、电影和录音制作业", "廣播、電視、電影和錄音製作業", "Broadcasting, film and sound recording"),
    ("88", "文化艺术业", "文化藝術業", "Culture and arts"),
    ("89", "体育", "體育", "Sports"),
    ("90", "娱乐业", "娛樂業", "Entertainment"),
    ("91", "中国共产党机关", "中國共產黨機關", "Communist Party of China organs"),
    ("92", "国家机构", "國家機構", "State organs"),
    ("93", "人民政协、民主党派", "人民政協、民主黨派", "CPPCC and democratic parties"),
    ("94", "社会保障", "社會保障", "Social security"),
    ("95", "群众团体、社会团体和其他成员组织", "群眾團體、社會團體和其他成員組織", "Mass, social and other membership organisations"),
    ("96", "基层群众自治组织及其他组织", "基層群眾自治組織及其他組織", "Grassroots self-governing and other organisations"),
    ("97", "国际组织", "國際組織", "International organisations"),
];

/// Liaoning's cities (GB/T 2260), six-digit codes.
pub const LIAONING_CITIES: &[(&str, &str, &str, &str)] = &[
    ("210100", "沈阳市", "瀋陽市", "Shenyang"),
    ("210200", "大连市", "大連市", "Dalian"),
    ("210300", "鞍山市", "鞍山市", "Anshan"),
    ("210400", "抚顺市", "撫順市", "Fushun"),
    ("210500", "本溪市", "本溪市", "Benxi"),
    ("210600", "丹东市", "丹東市", "Dandong"),
    ("210700", "锦州市", "錦州市", "Jinzhou"),
    ("210800", "营口市", "營口市", "Yingkou"),
    ("210900", "阜新市", "阜新市", "Fuxin"),
    ("211000", "辽阳市", "遼陽市", "Liaoyang"),
    ("211100", "盘锦市", "盤錦市", "Panjin"),
    ("211200", "铁岭市", "鐵嶺市", "Tieling"),
    ("211300", "朝阳市", "朝陽市", "Chaoyang"),
    ("211400", "葫芦岛市", "葫蘆島市", "Huludao"),
];

/// The 门类 letter of a 大类 code ("36" → "C"), as the core reads it.
pub fn section_of(division: &str) -> Option<&'static str> {
    let letter = calculator_core::profile::normalize_industry_code(division)?.chars().next()?;
    SECTIONS.iter().map(|s| s.0).find(|l| l.starts_with(letter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_division_falls_in_the_section_whose_range_names_it() {
        assert_eq!(DIVISIONS.len(), 97);
        assert_eq!(section_of("36"), Some("C"));
        assert_eq!(section_of("65"), Some("I"));
        assert_eq!(section_of("01"), Some("A"));
        for (code, ..) in DIVISIONS {
            let letter = section_of(code).unwrap();
            let (_, range, ..) = SECTIONS.iter().find(|s| s.0 == letter).unwrap();
            let first = range.split('–').next().unwrap();
            let last = range.split('–').next_back().unwrap();
            assert!(first <= *code && *code <= last, "{code} not in {letter} {range}");
        }
    }
}
