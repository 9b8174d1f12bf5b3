//! The API's denominators (`state`, `postage`, `plex`, content `type`): known
//! values as variants, anything else kept as text in `Other`.

use serde::{Deserialize, Serialize};

macro_rules! denominator {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value the reference does not list, as received.
            Other(String),
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s,
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $(if s.eq_ignore_ascii_case($wire) {
                    return $name::$variant;
                })+
                $name::Other(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                s.to_owned().into()
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> Self {
                match v {
                    $name::Other(s) => s,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

denominator! {
    /// Campaign and envelope `state`. A campaign goes opened → closed →
    /// transferred → completed; an envelope opened → closed → transferred →
    /// printed → posted (→ completed with its campaign).
    State {
        /// Content can be added; can be cancelled.
        Opened = "opened",
        /// Ready for production; an envelope can still be cancelled.
        Closed = "closed",
        /// At the production facility; can no longer be cancelled.
        Transferred = "transferred",
        Printed = "printed",
        Posted = "posted",
        Completed = "completed",
        Cancelled = "cancelled",
        Failed = "failed",
    }
}

impl State {
    /// Nothing will change any more.
    pub fn is_final(&self) -> bool {
        matches!(self, State::Completed | State::Cancelled | State::Failed)
    }
}

impl Default for State {
    fn default() -> Self {
        State::Other(String::new())
    }
}

denominator! {
    /// Envelope `postage`. Ignored for customers of the Norwegian site.
    Postage {
        /// Delivered within one working day after posting.
        Priority = "priority",
        /// Within four working days.
        Economy = "economy",
        /// Registered: signed for by the recipient (name/street ≤ 35, postal code 5 digits).
        Rek = "rek",
        /// To recipients with protected identities (needs a contract).
        Protected = "protected",
    }
}

denominator! {
    /// Envelope `plex`.
    Plex {
        Simplex = "simplex",
        Duplex = "duplex",
    }
}

denominator! {
    /// Content `type`: one `document` per envelope, any number of `attachment`s,
    /// at most one `markup` (XML).
    ContentType {
        Document = "document",
        Attachment = "attachment",
        Markup = "markup",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let s: State = serde_json::from_str("\"rescheduled\"").unwrap();
        assert_eq!(s, State::Other("rescheduled".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"rescheduled\"");
        let s: State = serde_json::from_str("\"Posted\"").unwrap();
        assert_eq!(s, State::Posted);
        assert_eq!(serde_json::to_string(&Postage::Rek).unwrap(), "\"rek\"");
        assert!(State::Completed.is_final() && !State::Posted.is_final());
    }
}
