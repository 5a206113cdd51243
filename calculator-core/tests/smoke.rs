#[test]
fn default_catalog_loads() {
    match calculator_core::default_catalog() {
        Ok(c) => println!("{} policies", c.policies().len()),
        Err(e) => panic!("{}", e.message(calculator_core::Lang::ZhCn)),
    }
}
