//! Colour names and bringing colours down to what a terminal can show:
//! truecolor as is, else the nearest of the 256-colour palette, else the
//! nearest of the 16 ANSI colours.

use ratatui::style::Color;

use super::theme::ColorDepth;

pub fn parse_color(word: &str) -> Option<Color> {
    // ratatui's own parser: names in any case with `-`, `_` or spaces,
    // grey/gray, bright-/light-, `#rrggbb` and 0-255; "default" is ours.
    if word.eq_ignore_ascii_case("default") {
        return Some(Color::Reset);
    }
    word.parse().ok()
}

/// The 16 ANSI colours as xterm draws them, for choosing the nearest.
const ANSI: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn indexed_to_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI[i as usize].1,
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}

fn nearest_ansi((r, g, b): (u8, u8, u8)) -> Color {
    let dist = |(r2, g2, b2): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (a as i32 - b as i32).pow(2);
        d(r, r2) + d(g, g2) + d(b, b2)
    };
    ANSI.iter()
        .min_by_key(|(_, rgb)| dist(*rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

fn rgb_to_indexed((r, g, b): (u8, u8, u8)) -> u8 {
    let step = |v: u8| {
        if v < 48 {
            0
        } else if v < 115 {
            1
        } else {
            (v - 35) / 40
        }
    };
    16 + 36 * step(r) + 6 * step(g) + step(b)
}

/// A colour the terminal can show, or `None` when it shows none.
pub fn fit(color: Color, depth: ColorDepth) -> Option<Color> {
    match (depth, color) {
        (ColorDepth::None, _) => None,
        (ColorDepth::TrueColor, c) => Some(c),
        (ColorDepth::Indexed256, Color::Rgb(r, g, b)) => {
            Some(Color::Indexed(rgb_to_indexed((r, g, b))))
        }
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => Some(nearest_ansi((r, g, b))),
        (ColorDepth::Ansi16, Color::Indexed(i)) => Some(nearest_ansi(indexed_to_rgb(i))),
        (_, c) => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_brought_down() {
        let orange = Color::Rgb(255, 135, 0);
        assert_eq!(fit(orange, ColorDepth::TrueColor), Some(orange));
        assert_eq!(
            fit(orange, ColorDepth::Indexed256),
            Some(Color::Indexed(208))
        );
        assert_eq!(
            fit(Color::Rgb(250, 0, 0), ColorDepth::Ansi16),
            Some(Color::LightRed)
        );
        assert_eq!(
            fit(Color::Indexed(21), ColorDepth::Ansi16),
            Some(Color::Blue)
        );
        assert_eq!(fit(Color::Red, ColorDepth::None), None);
    }
}
