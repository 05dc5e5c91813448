// expect-error: E0038
// A generic method has one copy per type argument, so there is no single
// function to put in a vtable: this trait cannot be used as `dyn Sink`.

pub trait Sink {
    fn write<T: std::fmt::Display>(&mut self, value: T);
}

pub fn log_started(sink: &mut dyn Sink) {
    sink.write("started");
}
