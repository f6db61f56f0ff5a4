//! A reader for one event object in the form tools commonly write: the keys the format
//! knows, each once, and every value a string, an object or an array of them. It reads
//! that form with no allocation beyond the lists it fills, which are reused from one
//! event to the next ([`Spare`]), and the strings written with escapes, which it
//! decodes as serde does.
//!
//! It reads nothing else. At anything outside that form, or any JSON written wrong, it
//! answers [`Scan::Other`] and the event is read by serde instead, which reads every
//! form the format allows and refuses what is wrong: both give the same [`RawEvent`] (a
//! property test compares them). This reader only has to be right about what it accepts.
//!
//! So the grammar of an event is one: serde's, derived from [`RawEvent`] and the types
//! of its members. This reader is a pre-check of it, for one form of it; every key the
//! grammar knows is one it knows (a test asks serde for them), and each time it hands
//! an event over it says why ([`ScanReason`]), which the windowed reader counts (see
//! [`super::handovers`]).

use super::handovers::ScanReason;
use super::native::{
    RawAccount, RawAttendance, RawClaim, RawEvent, RawRelation, RawStatusStep, RawStr, RawTime,
    too_long,
};

/// What [`event`] made of the text.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Scan {
    /// An event, this many bytes long (white space before it included).
    Read(usize),
    /// The text ends inside the event: more of the file is needed to tell.
    More,
    /// Not the form this reader reads, for this reason: read the event with serde.
    Other(ScanReason),
}

/// Why reading stopped short.
enum Stop {
    More,
    Other(ScanReason),
}

type Step<T> = Result<T, Stop>;

/// Reads the event object at the start of `text` (after white space) into `e`, whose
/// strings and lists must be empty. On [`Scan::More`] and [`Scan::Other`], `e` holds
/// part of the event and must not be used but to give it back to a [`Spare`].
pub(super) fn event<'a>(text: &'a str, e: &mut RawEvent<RawStr<'a>>) -> Scan {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    match cursor.event(e) {
        Ok(()) => Scan::Read(cursor.pos),
        Err(Stop::More) => Scan::More,
        Err(Stop::Other(why)) => Scan::Other(why),
    }
}

struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// The keys of each object, as bits: each may come once, and the required ones must.
mod keys {
    pub const ID: u16 = 1;
    pub const TITLE: u16 = 1 << 1;
    pub const KIND: u16 = 1 << 2;
    pub const STATUS: u16 = 1 << 3;
    pub const TIME: u16 = 1 << 4;
    pub const PLACE: u16 = 1 << 5;
    pub const PARTICIPANTS: u16 = 1 << 6;
    pub const TOPICS: u16 = 1 << 7;
    pub const SUMMARY: u16 = 1 << 8;
    pub const OUTCOMES: u16 = 1 << 9;
    pub const CLAIMS: u16 = 1 << 10;
    pub const RELATIONS: u16 = 1 << 11;
    pub const SOURCES: u16 = 1 << 12;
    pub const STATUS_HISTORY: u16 = 1 << 13;
    pub const ACCOUNTS: u16 = 1 << 14;
    pub const EVENT_NEEDS: u16 = ID | TITLE | KIND | STATUS | TIME;

    pub const START: u16 = 1;
    pub const END: u16 = 1 << 1;
    pub const DURATION: u16 = 1 << 2;
    pub const ZONE: u16 = 1 << 3;
    pub const REPORTED: u16 = 1 << 4;

    pub const PERSON: u16 = 1;
    pub const ROLE: u16 = 1 << 1;

    pub const SPEAKER: u16 = 1 << 1;
    pub const PARTY: u16 = 1 << 2;
    pub const TEXT: u16 = 1 << 3;
    pub const SOURCE: u16 = 1 << 4;
    pub const CLAIM_NEEDS: u16 = TEXT | SOURCE;
    pub const CLAIM_ID: u16 = 1 << 5;
    pub const ABOUT: u16 = 1 << 6;
    pub const CONTRADICTS: u16 = 1 << 7;

    pub const STEP_STATUS: u16 = 1;
    pub const STEP_SOURCE: u16 = 1 << 1;
    pub const STEP_REPORTED: u16 = 1 << 2;

    pub const OF: u16 = 1;
    pub const A_TIME: u16 = 1 << 1;
    pub const A_PLACE: u16 = 1 << 2;
    pub const A_PARTICIPANTS: u16 = 1 << 3;
    pub const A_KIND: u16 = 1 << 5;
    pub const A_STATUS: u16 = 1 << 6;
    pub const A_OUTCOMES: u16 = 1 << 7;
    pub const A_CLAIM: u16 = 1 << 8;
    pub const A_TEXT: u16 = 1 << 9;
    pub const A_SOURCE: u16 = 1 << 10;
    pub const A_REPORTED: u16 = 1 << 11;
    pub const A_RANK: u16 = 1 << 12;

    pub const EVENT: u16 = 1 << 1;
}

/// The required keys all seen.
fn needs(seen: u16, required: u16) -> Step<()> {
    if seen & required == required {
        Ok(())
    } else {
        Err(Stop::Other(ScanReason::MissingKey))
    }
}

impl<'a> Cursor<'a> {
    /// The next byte after white space, not taken.
    fn next(&mut self) -> Step<u8> {
        // Tools write no white space between tokens, or one space (after a comma or a
        // colon): both told at once. No byte above a space is white space.
        if let Some(&b) = self.bytes.get(self.pos) {
            if b > b' ' {
                return Ok(b);
            }
            if b == b' '
                && let Some(&after) = self.bytes.get(self.pos + 1)
                && after > b' '
            {
                self.pos += 1;
                return Ok(after);
            }
        }
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => self.pos += 1,
                _ => return Ok(b),
            }
        }
        Err(Stop::More)
    }

    /// Takes `byte`, after white space; any other is not this reader's, for `why`.
    fn take(&mut self, byte: u8, why: ScanReason) -> Step<()> {
        if self.next()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(Stop::Other(why))
        }
    }

    /// Marks `key` as seen in `seen`, to read its value next: a key seen before is not
    /// this reader's to judge.
    fn once(&mut self, seen: &mut u16, key: u16) -> Step<&mut Self> {
        if *seen & key != 0 {
            return Err(Stop::Other(ScanReason::RepeatedKey));
        }
        *seen |= key;
        Ok(self)
    }

    /// A key: the text up to the next quote, as written. The keys the format knows have
    /// no escape and no control character, so a key that has one (or whose escaped quote
    /// ends it early) is not one of those names, and its object is left to serde by
    /// the match on the name; only the quote is looked for.
    ///
    /// Always inlined: a call for each of an event's twenty or so keys was 4 % of all
    /// the instructions of a load.
    #[inline(always)]
    fn key(&mut self) -> Step<&'a [u8]> {
        self.take(b'"', ScanReason::Syntax)?;
        let start = self.pos;
        let end = start + quote(&self.bytes[start..]).ok_or(Stop::More)?;
        self.pos = end + 1;
        // As bytes: matched against ASCII names, it needs no check of where characters
        // begin.
        Ok(&self.bytes[start..end])
    }

    /// A string: borrowed as written, or with its escapes decoded, as serde gives it
    /// (and refused by the same measures of length: see [`RawStr`]).
    fn string(&mut self) -> Step<RawStr<'a>> {
        self.take(b'"', ScanReason::OtherType)?;
        let start = self.pos;
        let (length, printable) = special(&self.bytes[start..]).ok_or(Stop::More)?;
        let end = start + length;
        match self.bytes[end] {
            b'"' if !too_long(&self.text[start..end]) => {
                self.pos = end + 1;
                let text = &self.text[start..end];
                Ok(if printable {
                    RawStr::Printable(text)
                } else {
                    RawStr::Written(text)
                })
            }
            b'\\' => self.escaped(start, end),
            b'"' => Err(Stop::Other(ScanReason::TooLong)),
            _ => Err(Stop::Other(ScanReason::ControlCharacter)),
        }
    }

    /// The rest of a string that has escapes: `start` is its first byte, `at` its first
    /// backslash.
    fn escaped(&mut self, start: usize, mut at: usize) -> Step<RawStr<'a>> {
        let mut out = String::from(&self.text[start..at]);
        loop {
            let kind = *self.bytes.get(at + 1).ok_or(Stop::More)?;
            at += 2;
            out.push(match kind {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode(&mut at)?,
                _ => return Err(Stop::Other(ScanReason::Escape)),
            });
            // Between escapes, text as written: from and to ASCII bytes.
            let (length, _) = special(&self.bytes[at..]).ok_or(Stop::More)?;
            let next = at + length;
            out.push_str(&self.text[at..next]);
            at = next;
            match self.bytes[at] {
                b'"' => break,
                b'\\' => {}
                _ => return Err(Stop::Other(ScanReason::ControlCharacter)),
            }
        }
        if too_long(&out) {
            return Err(Stop::Other(ScanReason::TooLong));
        }
        self.pos = at + 1;
        Ok(RawStr::Decoded(out))
    }

    /// The character of a `\uXXXX` escape whose digits start at `at`, moving `at` past
    /// it (and past the second half of a surrogate pair). Anything but a character or
    /// a whole pair is left to serde.
    fn unicode(&self, at: &mut usize) -> Step<char> {
        let first = self.hex(*at)?;
        *at += 4;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(*at..*at + 2).ok_or(Stop::More)? != b"\\u" {
                    return Err(Stop::Other(ScanReason::Escape));
                }
                let second = self.hex(*at + 2)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(Stop::Other(ScanReason::Escape));
                }
                *at += 6;
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(Stop::Other(ScanReason::Escape)),
            code => code,
        };
        char::from_u32(code).ok_or(Stop::Other(ScanReason::Escape))
    }

    /// The four hexadecimal digits at `at`.
    fn hex(&self, at: usize) -> Step<u32> {
        let digits = self.bytes.get(at..at + 4).ok_or(Stop::More)?;
        digits.iter().try_fold(0, |n, &d| {
            let digit = char::from(d)
                .to_digit(16)
                .ok_or(Stop::Other(ScanReason::Escape))?;
            Ok(n * 16 + digit)
        })
    }

    /// An object, handing each key to `member` to read its value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a [u8]) -> Step<()>) -> Step<()> {
        self.between(b'{', b'}', |c| {
            let key = c.key()?;
            c.take(b':', ScanReason::Syntax)?;
            member(c, key)
        })
    }

    /// An array, with `item` to read each of its values.
    fn array(&mut self, item: impl FnMut(&mut Self) -> Step<()>) -> Step<()> {
        self.between(b'[', b']', item)
    }

    /// Items between `open` and `close`, separated by commas, each read by `item`.
    fn between(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Step<()>,
    ) -> Step<()> {
        self.take(open, ScanReason::OtherType)?;
        if self.next()? == close {
            self.pos += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.next()? {
                b',' => self.pos += 1,
                b if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Other(ScanReason::Syntax)),
            }
        }
    }

    /// An array whose values `read` reads, each added to `list`.
    fn items<T>(&mut self, list: &mut Vec<T>, read: impl Fn(&mut Self) -> Step<T>) -> Step<()> {
        self.array(|c| {
            list.push(read(c)?);
            Ok(())
        })
    }

    fn event(&mut self, e: &mut RawEvent<RawStr<'a>>) -> Step<()> {
        let mut seen = 0;
        self.object(|c, key| {
            match key {
                b"id" => e.id = c.once(&mut seen, keys::ID)?.string()?,
                b"title" => e.title = c.once(&mut seen, keys::TITLE)?.string()?,
                b"kind" => e.kind = c.once(&mut seen, keys::KIND)?.string()?,
                b"status" => e.status = c.once(&mut seen, keys::STATUS)?.string()?,
                b"time" => c.once(&mut seen, keys::TIME)?.time(&mut e.time)?,
                b"place" => e.place = Some(c.once(&mut seen, keys::PLACE)?.string()?),
                b"participants" => c
                    .once(&mut seen, keys::PARTICIPANTS)?
                    .items(&mut e.participants, Self::attendance)?,
                b"topics" => c
                    .once(&mut seen, keys::TOPICS)?
                    .items(&mut e.topics, Self::string)?,
                b"summary" => e.summary = c.once(&mut seen, keys::SUMMARY)?.string()?,
                b"outcomes" => c
                    .once(&mut seen, keys::OUTCOMES)?
                    .items(&mut e.outcomes, Self::string)?,
                b"claims" => c
                    .once(&mut seen, keys::CLAIMS)?
                    .items(&mut e.claims, Self::claim)?,
                b"relations" => c
                    .once(&mut seen, keys::RELATIONS)?
                    .items(&mut e.relations, Self::relation)?,
                b"sources" => c
                    .once(&mut seen, keys::SOURCES)?
                    .items(&mut e.sources, Self::string)?,
                b"status_history" => c
                    .once(&mut seen, keys::STATUS_HISTORY)?
                    .items(&mut e.status_history, Self::status_step)?,
                b"accounts" => c
                    .once(&mut seen, keys::ACCOUNTS)?
                    .items(&mut e.accounts, Self::account)?,
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::EVENT_NEEDS)
    }

    fn time(&mut self, t: &mut RawTime<RawStr<'a>>) -> Step<()> {
        let mut seen = 0;
        self.object(|c, key| {
            match key {
                b"start" => t.start = c.once(&mut seen, keys::START)?.string()?,
                b"end" => t.end = Some(c.once(&mut seen, keys::END)?.string()?),
                b"duration" => t.duration = Some(c.once(&mut seen, keys::DURATION)?.string()?),
                b"zone" => t.zone = Some(c.once(&mut seen, keys::ZONE)?.string()?),
                b"reported" => t.reported = Some(c.once(&mut seen, keys::REPORTED)?.string()?),
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::START)
    }

    fn attendance(&mut self) -> Step<RawAttendance<RawStr<'a>>> {
        let (mut seen, mut person, mut role) = (0, RawStr::default(), None);
        self.object(|c, key| {
            match key {
                b"person" => person = c.once(&mut seen, keys::PERSON)?.string()?,
                b"role" => role = Some(c.once(&mut seen, keys::ROLE)?.string()?),
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::PERSON)?;
        Ok(RawAttendance { person, role })
    }

    fn claim(&mut self) -> Step<RawClaim<RawStr<'a>>> {
        let mut seen = 0;
        let mut claim = RawClaim {
            id: None,
            about: None,
            contradicts: Vec::new(),
            person: None,
            speaker: None,
            party: None,
            text: RawStr::default(),
            source: RawStr::default(),
        };
        self.object(|c, key| {
            match key {
                b"person" => claim.person = Some(c.once(&mut seen, keys::PERSON)?.string()?),
                b"speaker" => claim.speaker = Some(c.once(&mut seen, keys::SPEAKER)?.string()?),
                b"party" => claim.party = Some(c.once(&mut seen, keys::PARTY)?.string()?),
                b"text" => claim.text = c.once(&mut seen, keys::TEXT)?.string()?,
                b"source" => claim.source = c.once(&mut seen, keys::SOURCE)?.string()?,
                b"id" => claim.id = Some(c.once(&mut seen, keys::CLAIM_ID)?.string()?),
                b"about" => claim.about = Some(c.once(&mut seen, keys::ABOUT)?.string()?),
                b"contradicts" => c
                    .once(&mut seen, keys::CONTRADICTS)?
                    .items(&mut claim.contradicts, Self::string)?,
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::CLAIM_NEEDS)?;
        Ok(claim)
    }

    fn status_step(&mut self) -> Step<RawStatusStep<RawStr<'a>>> {
        let mut seen = 0;
        let mut step = RawStatusStep {
            status: RawStr::default(),
            source: RawStr::default(),
            reported: None,
        };
        self.object(|c, key| {
            match key {
                b"status" => step.status = c.once(&mut seen, keys::STEP_STATUS)?.string()?,
                b"source" => step.source = c.once(&mut seen, keys::STEP_SOURCE)?.string()?,
                b"reported" => {
                    step.reported = Some(c.once(&mut seen, keys::STEP_REPORTED)?.string()?)
                }
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::STEP_STATUS | keys::STEP_SOURCE)?;
        Ok(step)
    }

    fn account(&mut self) -> Step<RawAccount<RawStr<'a>>> {
        let mut seen = 0;
        let mut a = RawAccount::<RawStr<'a>>::default();
        self.object(|c, key| {
            match key {
                b"of" => a.of = c.once(&mut seen, keys::OF)?.string()?,
                b"time" => {
                    let mut t = RawTime {
                        start: RawStr::default(),
                        end: None,
                        duration: None,
                        zone: None,
                        reported: None,
                    };
                    c.once(&mut seen, keys::A_TIME)?.time(&mut t)?;
                    a.time = Some(t);
                }
                b"place" => a.place = Some(c.once(&mut seen, keys::A_PLACE)?.string()?),
                b"participants" => {
                    let mut list = Vec::new();
                    c.once(&mut seen, keys::A_PARTICIPANTS)?
                        .items(&mut list, Self::attendance)?;
                    a.participants = Some(list);
                }
                b"kind" => a.kind = Some(c.once(&mut seen, keys::A_KIND)?.string()?),
                b"status" => a.status = Some(c.once(&mut seen, keys::A_STATUS)?.string()?),
                b"outcomes" => {
                    let mut list = Vec::new();
                    c.once(&mut seen, keys::A_OUTCOMES)?
                        .items(&mut list, Self::string)?;
                    a.outcomes = Some(list);
                }
                b"claim" => a.claim = Some(c.once(&mut seen, keys::A_CLAIM)?.string()?),
                b"text" => a.text = Some(c.once(&mut seen, keys::A_TEXT)?.string()?),
                b"source" => a.source = c.once(&mut seen, keys::A_SOURCE)?.string()?,
                b"reported" => a.reported = Some(c.once(&mut seen, keys::A_REPORTED)?.string()?),
                b"rank" => a.rank = Some(c.once(&mut seen, keys::A_RANK)?.string()?),
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::OF | keys::A_SOURCE)?;
        Ok(a)
    }

    fn relation(&mut self) -> Step<RawRelation<RawStr<'a>>> {
        let (mut seen, mut kind, mut event) = (0, RawStr::default(), RawStr::default());
        self.object(|c, key| {
            match key {
                b"kind" => kind = c.once(&mut seen, keys::KIND)?.string()?,
                b"event" => event = c.once(&mut seen, keys::EVENT)?.string()?,
                _ => return Err(Stop::Other(ScanReason::UnknownKey)),
            }
            Ok(())
        })?;
        needs(seen, keys::KIND | keys::EVENT)?;
        Ok(RawRelation { kind, event })
    }
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// A high bit for each zero byte of `x`; above the lowest, some may be spurious.
fn zero(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The position of the first quote. A key is a word or two: its end is looked for
/// eight bytes at a time over the first 16, and by a vectorised search past those.
fn quote(bytes: &[u8]) -> Option<usize> {
    for at in [0, 8] {
        let Some(chunk) = bytes.get(at..at + 8) else {
            break;
        };
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let found = zero(word ^ (ONES * u64::from(b'"')));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
    }
    memchr::memchr(b'"', bytes)
}

/// The position of the first byte that ends or interrupts a string: a quote, a
/// backslash or a control character; and whether the bytes before it are known to be
/// printable ASCII, which is told for long strings only (false for the others).
/// Always inlined, in the reading of strings: the call cost more than most strings'
/// search.
#[inline(always)]
fn special(bytes: &[u8]) -> Option<(usize, bool)> {
    // Most strings are ids and names: they end within a few words, read eight bytes at
    // a time. Past those, a search for the quote or backslash that ends the string.
    const SHORT: usize = 32;
    let mut at = 0;
    while at < SHORT {
        let Some(chunk) = bytes.get(at..at + 8) else {
            let stops = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
            return bytes[at..]
                .iter()
                .position(|&b| stops(b))
                .map(|p| (at + p, false));
        };
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let found = zero(word ^ (ONES * u64::from(b'"')))
            | zero(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGH);
        if found != 0 {
            return Some((at + found.trailing_zeros() as usize / 8, false));
        }
        at += 8;
    }
    let stop = at + memchr::memchr2(b'"', b'\\', &bytes[at..])?;
    // One more pass, for the least and the greatest byte, which vectorises: control
    // characters are rare, and placed by a second pass only where there is one; with
    // none, and nothing above `~`, the string is printable ASCII, which cleaning
    // (`crate::model::text`) would otherwise look through again.
    let (least, most) = bytes[..stop]
        .iter()
        .fold((u8::MAX, 0), |(least, most), &b| {
            (least.min(b), most.max(b))
        });
    if least < 0x20 {
        return bytes.iter().position(|&b| b < 0x20).map(|p| (p, false));
    }
    Some((stop, most < 0x7f))
}

/// Lists emptied of one event's strings, to hold the next one's: an event's lists are
/// filled without allocating once they have grown to the largest seen.
#[derive(Default)]
pub(super) struct Spare {
    participants: Vec<RawAttendance<RawStr<'static>>>,
    topics: Vec<RawStr<'static>>,
    outcomes: Vec<RawStr<'static>>,
    claims: Vec<RawClaim<RawStr<'static>>>,
    relations: Vec<RawRelation<RawStr<'static>>>,
    sources: Vec<RawStr<'static>>,
    status_history: Vec<RawStatusStep<RawStr<'static>>>,
    accounts: Vec<RawAccount<RawStr<'static>>>,
}

/// `list`, emptied, for values that borrow from elsewhere; the standard library keeps
/// the allocation when the two types have one layout, as these do.
fn emptied<T, U>(list: Vec<T>) -> Vec<U> {
    list.into_iter().filter_map(|_| None).collect()
}

impl Spare {
    /// An empty event, with the spare lists: lists of values that borrow for as long
    /// as the program runs serve as lists of values that borrow for less, as they are.
    pub(super) fn event<'a>(&mut self) -> RawEvent<RawStr<'a>> {
        RawEvent {
            id: RawStr::default(),
            title: RawStr::default(),
            kind: RawStr::default(),
            status: RawStr::default(),
            status_history: std::mem::take(&mut self.status_history),
            time: RawTime {
                start: RawStr::default(),
                end: None,
                duration: None,
                zone: None,
                reported: None,
            },
            place: None,
            participants: std::mem::take(&mut self.participants),
            topics: std::mem::take(&mut self.topics),
            summary: RawStr::default(),
            outcomes: std::mem::take(&mut self.outcomes),
            claims: std::mem::take(&mut self.claims),
            relations: std::mem::take(&mut self.relations),
            sources: std::mem::take(&mut self.sources),
            accounts: std::mem::take(&mut self.accounts),
        }
    }

    /// Keeps the lists of an event done with.
    pub(super) fn keep(&mut self, e: RawEvent<RawStr<'_>>) {
        self.participants = emptied(e.participants);
        self.topics = emptied(e.topics);
        self.outcomes = emptied(e.outcomes);
        self.claims = emptied(e.claims);
        self.relations = emptied(e.relations);
        self.sources = emptied(e.sources);
        self.status_history = emptied(e.status_history);
        self.accounts = emptied(e.accounts);
    }
}

#[cfg(test)]
mod tests;
