//! The pure domain: reported time, the dataset's entities, and the validated,
//! chronological timeline. Nothing here knows about terminals or file formats.

pub mod accounts;
pub mod consistency;
pub mod describe;
pub mod diff;
pub mod disputes;
pub mod entities;
pub mod knowledge;
pub mod link;
pub mod note;
pub mod text;
pub mod time;
pub mod timeline;
