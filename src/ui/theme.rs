//! Styles. Colour marks sides and statuses; everything also reads without colour (bold,
//! italic, reverse, underline), so `NO_COLOR` terminals lose nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::app::document::Tag;
use crate::model::timeline::{PartyIx, Status, Timeline};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
    /// Colours for a light background.
    pub light: bool,
    /// Colour hints per side id from the user's config, over the dataset's.
    pub sides: Vec<(String, String)>,
}

/// Colours for sides without a hint, in order.
const PALETTE: [Color; 6] = [
    Color::Blue,
    Color::Yellow,
    Color::Red,
    Color::Green,
    Color::Magenta,
    Color::Cyan,
];

pub(crate) fn named(hint: &str) -> Option<Color> {
    let hint = hint.trim().to_ascii_lowercase();
    if let Some(hex) = hint.strip_prefix('#')
        && hex.len() == 6
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    Some(match hint.as_str() {
        "blue" => Color::Blue,
        "yellow" | "gold" => Color::Yellow,
        "red" => Color::Red,
        "green" => Color::Green,
        "magenta" | "purple" => Color::Magenta,
        "cyan" | "teal" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        _ => return None,
    })
}

impl Theme {
    /// Colour unless the `NO_COLOR` convention asks for none.
    pub fn from_env() -> Theme {
        Theme {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            ..Theme::default()
        }
    }

    pub fn plain() -> Theme {
        Theme::default()
    }

    /// Yellow and cyan wash out on a light background: darker ones there.
    fn adapt(&self, c: Color) -> Color {
        match (self.light, c) {
            (true, Color::Yellow) => Color::Rgb(0x9a, 0x6a, 0x00),
            (true, Color::Cyan) => Color::Blue,
            (_, c) => c,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(self.adapt(c))
        } else {
            Style::new()
        }
    }

    pub fn side(&self, tl: &Timeline, side: Option<PartyIx>) -> Style {
        let Some(p) = side else {
            return Style::new().add_modifier(Modifier::BOLD);
        };
        let party = tl.parties.get(p.get());
        let chosen = party.and_then(|party| {
            self.sides
                .iter()
                .find(|(id, _)| *id == *party.id)
                .map(|(_, c)| c.as_str())
        });
        let colour = chosen
            .or_else(|| party.and_then(|party| party.colour.as_deref()))
            .and_then(named)
            .unwrap_or(PALETTE[p.get() % PALETTE.len()]);
        self.fg(colour).add_modifier(Modifier::BOLD)
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Held => self.fg(Color::Green),
            Status::Ongoing => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Status::Scheduled => self.fg(Color::Blue).add_modifier(Modifier::ITALIC),
            Status::Expected => self.fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            Status::Postponed => self.fg(Color::Yellow).add_modifier(Modifier::ITALIC),
            Status::Cancelled => self
                .fg(Color::Red)
                .add_modifier(Modifier::CROSSED_OUT | Modifier::DIM),
        }
    }

    /// Title text of an event in a list: future events read differently from history.
    pub fn event_title(&self, s: Status) -> Style {
        match s {
            Status::Cancelled => Style::new().add_modifier(Modifier::CROSSED_OUT | Modifier::DIM),
            s if s.is_future() => Style::new().add_modifier(Modifier::ITALIC),
            _ => Style::new(),
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn link(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    pub fn focused_link(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
    }

    pub fn now(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A lasting note that something is wrong with the file.
    pub fn warning(&self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn day(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn search_match(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    pub fn tag(&self, tl: &Timeline, tag: Tag) -> Style {
        match tag {
            Tag::Plain => Style::new(),
            Tag::Title => self.title(),
            Tag::Heading => self.heading(),
            Tag::Label => Style::new().add_modifier(Modifier::BOLD),
            Tag::Dim => self.dim(),
            Tag::Quote => Style::new().add_modifier(Modifier::ITALIC),
            Tag::Side(s) => self.side(tl, s),
            Tag::Status(s) => self.status(s),
            Tag::Link => self.link(),
        }
    }
}
