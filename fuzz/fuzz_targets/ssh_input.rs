//! The SSH channel's input parser (`brief serve`): any bytes, cut into
//! packets at any size, become reader events without a panic; never more
//! events than bytes; no key event carries a control character as text
//! (the reader would type it into a prompt); what it holds for an
//! unfinished sequence stays bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;

use brief::serve::input::Input;
use brief::ui::Event;
use ratatui::crossterm::event::KeyCode;

fuzz_target!(|data: &[u8]| {
    // The first byte is the packet size: sequences cut anywhere.
    let Some((&size, bytes)) = data.split_first() else {
        return;
    };
    let mut input = Input::default();
    let mut events = 0;
    for packet in bytes.chunks(usize::from(size).max(1)) {
        for event in input.feed(packet) {
            events += 1;
            if let Event::Key(k) = event
                && let KeyCode::Char(c) = k.code
            {
                assert!(!c.is_control(), "control character {c:?} as a key");
            }
        }
        assert!(input.pending() <= brief::serve::input::MAX_PENDING + packet.len());
    }
    assert!(events <= bytes.len(), "{events} events from {} bytes", bytes.len());
});
