//! The part of the file in memory, read a window at a time, and one event read from
//! it by the scan or by serde: the windowed reader's own concern, apart from how the
//! file's members and the two threads are laid out (the parent module).

use super::precheck::Strings;
use super::*;

/// The part of the file in memory and where reading has got to.
pub(super) struct Window<'p> {
    pub(super) file: File,
    pub(super) buf: Vec<u8>,
    /// The file offset of `buf[0]`.
    pub(super) start: u64,
    /// `buf[pos..len]` is read but not yet parsed.
    pub(super) pos: usize,
    pub(super) len: usize,
    /// `buf[valid_from..valid]` is known to be UTF-8; what follows, up to `len`, is the
    /// start of a character the window's end cut short.
    pub(super) valid_from: usize,
    pub(super) valid: usize,
    /// How many bytes may still be stepped over at the start, as the rest of a
    /// character a window opened in the middle of the file begins inside.
    pub(super) lead: usize,
    pub(super) eof: bool,
    pub(super) progress: Progress,
    pub(super) report: &'p mut dyn FnMut(Progress),
    /// A second thread's reading, counted in the progress reported.
    pub(super) helper: Option<&'p Helper>,
    /// Lists to read the next event into.
    pub(super) spare: Spare,
    /// The readings of local times this thread has looked up, kept for later events.
    pub(super) readings: ZoneReadings,
}

impl<'p> Window<'p> {
    /// A window of `size` bytes on `path`, from `offset`.
    pub(super) fn open(
        path: &Path,
        offset: u64,
        size: usize,
        report: &'p mut dyn FnMut(Progress),
        helper: Option<&'p Helper>,
    ) -> Result<Window<'p>, GiveUp> {
        let mut file = File::open(path)?;
        let total = file.metadata()?.len();
        file.seek(SeekFrom::Start(offset))?;
        Ok(Window {
            file,
            buf: vec![0; size.min(total.saturating_sub(offset) as usize + 1).max(1)],
            start: offset,
            pos: 0,
            len: 0,
            valid_from: 0,
            valid: 0,
            lead: if offset > 0 { 3 } else { 0 },
            eof: false,
            progress: Progress {
                total,
                ..Progress::default()
            },
            report,
            helper,
            spare: Spare::default(),
            readings: ZoneReadings::default(),
        })
    }

    /// The file offset of the next byte to parse.
    pub(super) fn offset(&self) -> u64 {
        self.start + self.pos as u64
    }

    pub(super) fn report(&mut self) {
        let mut progress = self.progress;
        if let Some(h) = self.helper {
            progress.read += h.read.load(Ordering::Relaxed);
            progress.events += h.events.load(Ordering::Relaxed);
        }
        (self.report)(progress);
    }

    /// Steps to the next place that looks like the start of an element of an array of
    /// objects (`}`, `,`, `{` with only white space between) and returns its offset;
    /// `None` within the next mebibyte. Whether it is one is for the first thread to
    /// find out, by reading up to it.
    pub(super) fn boundary(&mut self) -> Option<u64> {
        let space = |b: &u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        let limit = self.start + (1 << 20);
        loop {
            let rest = &self.buf[self.pos..self.len];
            let mut short = None;
            for (k, _) in rest.iter().enumerate().filter(|(_, b)| **b == b'}') {
                let after = &rest[k + 1..];
                let comma = after.iter().position(|b| !space(b));
                let Some(c) = comma else {
                    short = Some(k);
                    break;
                };
                if after[c] != b',' {
                    continue;
                }
                let brace = after[c + 1..].iter().position(|b| !space(b));
                match brace {
                    Some(b) if after[c + 1 + b] == b'{' => {
                        self.pos += k + 1 + c + 1 + b;
                        return Some(self.offset());
                    }
                    Some(_) => continue,
                    None => {
                        short = Some(k);
                        break;
                    }
                }
            }
            // Keep a match cut short by the window's end, and a character, and read on.
            self.pos = short.map_or(self.valid, |k| self.pos + k);
            if self.offset() > limit || !self.fill().ok()? {
                return None;
            }
        }
    }

    /// Reads more of the file, keeping what is not yet parsed; false at the end.
    pub(super) fn fill(&mut self) -> Result<bool, GiveUp> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.valid = self.valid.saturating_sub(self.pos);
            self.valid_from = 0;
            self.start += self.pos as u64;
            self.pos = 0;
        }
        if self.len == self.buf.len() {
            // One value larger than the window: make room for it, unless a string in it
            // is already over the limit (it is refused, however long it goes on).
            let mut strings = Strings::default();
            strings.read(0, &self.buf[self.pos..self.len]);
            if strings.over_limit() {
                return Err(GiveUp(GiveUpReason::TooLong));
            }
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let n = loop {
            match self.file.read(&mut self.buf[self.len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        };
        if n == 0 {
            self.eof = true;
            if self.valid < self.len {
                // The file ends inside a character: it is not UTF-8.
                return Err(GiveUp(GiveUpReason::NotUtf8));
            }
            return Ok(false);
        }
        self.len += n;
        self.progress.read += n as u64;
        if self.lead > 0 {
            // Nothing is parsed before the first whole character.
            while self.lead > 0 && self.valid < self.len && is_continuation(self.buf[self.valid]) {
                self.valid += 1;
                self.lead -= 1;
            }
            if self.valid < self.len {
                self.lead = 0;
            }
            self.pos = self.valid;
            self.valid_from = self.valid;
        }
        // UTF-8 is checked here, once per read, rather than string by string.
        match std::str::from_utf8(&self.buf[self.valid..self.len]) {
            Ok(_) => self.valid = self.len,
            Err(e) if e.error_len().is_none() => self.valid += e.valid_up_to(),
            Err(_) => return Err(GiveUp(GiveUpReason::NotUtf8)),
        }
        self.report();
        Ok(true)
    }

    /// What is read but not yet parsed, up to the last whole character.
    pub(super) fn text(&self) -> Result<&str, GiveUp> {
        let (from, to) = (self.pos, self.valid);
        if from < self.valid_from || from > to || (from < to && is_continuation(self.buf[from])) {
            return Err(GiveUp(GiveUpReason::NotUtf8));
        }
        // SAFETY: `buf[valid_from..valid]` was checked to be UTF-8 when it was read,
        // and `from` lies within it at the start of a character, so `buf[from..to]` is
        // UTF-8 as well.
        Ok(unsafe { std::str::from_utf8_unchecked(&self.buf[from..to]) })
    }

    /// Whether the window holds everything left of the file (no character cut short).
    pub(super) fn at_end(&self) -> bool {
        self.eof && self.valid == self.len
    }

    /// The next byte that is not white space, reading more as needed.
    pub(super) fn peek(&mut self) -> Result<Option<u8>, GiveUp> {
        loop {
            let rest = &self.buf[self.pos..self.len];
            match rest
                .iter()
                .position(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            {
                Some(k) => {
                    self.pos += k;
                    return Ok(Some(self.buf[self.pos]));
                }
                None => {
                    self.pos = self.len;
                    if !self.fill()? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Steps over `byte`, the next one that is not white space.
    pub(super) fn expect(&mut self, byte: u8) -> Result<(), GiveUp> {
        if self.peek()? == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp(GiveUpReason::Syntax))
        }
    }

    /// The JSON value that starts here, parsed as `T`, and its length.
    pub(super) fn parse<T: DeserializeOwned>(&mut self) -> Result<(T, usize), GiveUp> {
        self.peek()?;
        loop {
            match first_value(self.text()?, self.at_end())? {
                Some(found) => return Ok(found),
                None => {
                    self.fill()?;
                }
            }
        }
    }

    /// The value that starts here, parsed as `T`.
    pub(super) fn value<T: DeserializeOwned>(&mut self) -> Result<T, GiveUp> {
        let (value, length) = self.parse()?;
        self.pos += length;
        Ok(value)
    }

    /// Parses the event that starts here, its strings borrowed from the window, and
    /// adds it to `part` at position `i`. An event in the form [`scan`] reads is read
    /// by it; any other, by serde, and why is returned, for the caller to count.
    pub(super) fn event(
        &mut self,
        i: usize,
        part: &mut Part,
        base: &Base,
    ) -> Result<Option<ScanReason>, GiveUp> {
        let mut spare = std::mem::take(&mut self.spare);
        let mut readings = std::mem::take(&mut self.readings);
        let read = self.event_with(i, part, base, &mut spare, &mut readings);
        self.spare = spare;
        self.readings = readings;
        read
    }

    /// [`Window::event`], with the spare lists and the kept readings held apart from
    /// the window: the event read into them borrows the window's text.
    pub(super) fn event_with(
        &mut self,
        i: usize,
        part: &mut Part,
        base: &Base,
        spare: &mut Spare,
        readings: &mut ZoneReadings,
    ) -> Result<Option<ScanReason>, GiveUp> {
        self.peek()?;
        // Once the scan leaves the event to serde (and why), serde reads it to the end.
        let mut serde_only = None;
        loop {
            let at_end = self.at_end();
            let text = self.text()?;
            if serde_only.is_none() {
                let mut event = spare.event();
                let scanned = scan::event(text, &mut event);
                if let Scan::Read(length) = scanned {
                    let kept = keep(i, part, base, &event, readings);
                    spare.keep(event);
                    kept?;
                    self.pos += length;
                    return Ok(None);
                }
                spare.keep(event);
                serde_only = match scanned {
                    Scan::More if !at_end => {
                        self.fill()?;
                        continue;
                    }
                    Scan::Other(why) => Some(why),
                    // The text ends inside the event: serde says what is wrong.
                    _ => Some(ScanReason::Syntax),
                };
            }
            let Some((event, length)) = first_value::<RawEvent<RawStr<'_>>>(text, at_end)? else {
                self.fill()?;
                continue;
            };
            keep(i, part, base, &event, readings)?;
            self.pos += length;
            return Ok(serde_only);
        }
    }

    /// Parses the person that starts here, their strings borrowed from the window,
    /// and adds them to `people`.
    pub(super) fn person(&mut self, people: &mut PeopleRead) -> Result<(), GiveUp> {
        self.peek()?;
        loop {
            let at_end = self.at_end();
            let text = self.text()?;
            let Some((p, length)) = first_value::<RawParticipant<RawStr<'_>>>(text, at_end)? else {
                self.fill()?;
                continue;
            };
            let texts = [&p.id, &p.name, &p.role, &p.note];
            if texts
                .into_iter()
                .chain(&p.party)
                .any(|s| too_long(s.as_ref()))
            {
                return Err(GiveUp(GiveUpReason::TooLong));
            }
            people.add(&p);
            self.pos += length;
            return Ok(());
        }
    }

    /// The text of the value that starts here, as written.
    pub(super) fn raw(&mut self) -> Result<&str, GiveUp> {
        let (IgnoredAny, length) = self.parse()?;
        let start = self.pos;
        self.pos += length;
        std::str::from_utf8(&self.buf[start..start + length])
            .map_err(|_| GiveUp(GiveUpReason::NotUtf8))
    }
}

/// Checks `event` and adds it to `part` at position `i`.
#[inline]
fn keep<S: FileStr>(
    i: usize,
    part: &mut Part,
    base: &Base,
    event: &RawEvent<S>,
    readings: &mut ZoneReadings,
) -> Result<(), GiveUp> {
    if part.is_checking() {
        // Only its problems are wanted: it compares ids as written itself.
        part.event(base, i, event, readings);
        return Ok(());
    }
    // An id the viewer would show differently from the file: let the whole-file
    // reader compare ids as written.
    let id = event.id.as_ref();
    if is_blank(id) || clean_line(id).len() != id.len() {
        return Err(GiveUp(GiveUpReason::Id));
    }
    part.event(base, i, event, readings);
    if part.failed() {
        return Err(GiveUp(GiveUpReason::Problem));
    }
    Ok(())
}

/// Whether `b` continues a character rather than starting one.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The JSON value at the start of `bytes` (after white space) and its length; `None`
/// when more of the file is needed to tell (the window ends inside it, or right after
/// it, where a number could go on).
fn first_value<'a, T: Deserialize<'a>>(
    bytes: &'a str,
    eof: bool,
) -> Result<Option<(T, usize)>, GiveUp> {
    let mut values = serde_json::Deserializer::from_str(bytes).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) if values.byte_offset() < bytes.len() || eof => {
            Ok(Some((value, values.byte_offset())))
        }
        Some(Err(e)) if !e.is_eof() => Err(GiveUp(GiveUpReason::Syntax)),
        _ if eof => Err(GiveUp(GiveUpReason::Syntax)),
        _ => Ok(None),
    }
}
