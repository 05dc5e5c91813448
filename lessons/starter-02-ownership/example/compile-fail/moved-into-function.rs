// expect-error: E0382
// A function that takes its argument by value keeps it; so does a loop that calls it.

pub struct Order {
    pub id: u32,
    pub items: Vec<String>,
}

pub fn ship(order: Order) -> u32 {
    order.id
}

pub fn ship_every_day(order: Order, days: u32) -> u32 {
    let mut shipped = 0;
    for _ in 0..days {
        shipped += ship(order);
    }
    shipped
}
