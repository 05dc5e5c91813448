// expect-error: E0382
// Assignment moves a Vec: the first name cannot be used afterwards.

pub fn shipped_items() -> usize {
    let order = vec![String::from("pen"), String::from("ink")];
    let shipment = order;
    println!("shipping {} items", shipment.len());
    order.len()
}
