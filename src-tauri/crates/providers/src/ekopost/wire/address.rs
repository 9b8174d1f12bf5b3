//! Address objects: `$type` first (`postal`, `email`, `einbox`, …), then the
//! type's fields. `postal` is what Postdesk sends; the digital ones are typed
//! so answers and fixtures parse, and a `$type` we do not know is kept whole.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// An envelope's destination (`address`), or a content's return address.
/// Serialized with `$type` as the first key, as the reference demands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "$type", rename_all = "snake_case")]
pub enum Address {
    Postal(PostalAddress),
    Email(EmailAddress),
    Einbox(EinboxAddress),
    EinboxKivra(KivraAddress),
    EinboxSigner(SignerAddress),
    Einvoice(EinvoiceAddress),
    Ebank(EbankAddress),
    /// Navet lookup by personal number.
    Lookup(LookupAddress),
    Protected(ProtectedAddress),
    /// CHOICE: the object's text says `$type` is `einvoice_mastercard`, the
    /// list of types says `mastercard`; we write the former and read both.
    #[serde(rename = "einvoice_mastercard")]
    Mastercard(MastercardAddress),
    /// A `$type` this client does not know (or none), as received.
    #[serde(untagged)]
    Other(Map<String, Value>),
}

impl Address {
    /// The `$type` denominator.
    pub fn type_name(&self) -> Option<&str> {
        Some(match self {
            Address::Postal(_) => "postal",
            Address::Email(_) => "email",
            Address::Einbox(_) => "einbox",
            Address::EinboxKivra(_) => "einbox_kivra",
            Address::EinboxSigner(_) => "einbox_signer",
            Address::Einvoice(_) => "einvoice",
            Address::Ebank(_) => "ebank",
            Address::Lookup(_) => "lookup",
            Address::Protected(_) => "protected",
            Address::Mastercard(_) => "einvoice_mastercard",
            Address::Other(m) => return m.get("$type").and_then(Value::as_str),
        })
    }

    pub fn as_postal(&self) -> Option<&PostalAddress> {
        match self {
            Address::Postal(p) => Some(p),
            _ => None,
        }
    }
}

/// The `$type`s read into their own variant (lower case).
const KNOWN: &[&str] = &[
    "postal",
    "email",
    "einbox",
    "einbox_kivra",
    "einboxkivra",
    "einbox_signer",
    "einvoice",
    "ebank",
    "lookup",
    "protected",
    "einvoice_mastercard",
    "mastercard",
];

// By hand: a known `$type` with a malformed body is an error, not `Other`.
impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        fn body<T: DeserializeOwned, E: serde::de::Error>(map: Map<String, Value>) -> Result<T, E> {
            serde_json::from_value(Value::Object(map)).map_err(E::custom)
        }
        let mut map = Map::<String, Value>::deserialize(d)?;
        let kind = map
            .get("$type")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        if kind.as_deref().is_some_and(|k| KNOWN.contains(&k)) {
            map.remove("$type");
        }
        Ok(match kind.as_deref() {
            Some("postal") => Address::Postal(body(map)?),
            Some("email") => Address::Email(body(map)?),
            Some("einbox") => Address::Einbox(body(map)?),
            Some("einbox_kivra") | Some("einboxkivra") => Address::EinboxKivra(body(map)?),
            Some("einbox_signer") => Address::EinboxSigner(body(map)?),
            Some("einvoice") => Address::Einvoice(body(map)?),
            Some("ebank") => Address::Ebank(body(map)?),
            Some("lookup") => Address::Lookup(body(map)?),
            Some("protected") => Address::Protected(body(map)?),
            Some("einvoice_mastercard") | Some("mastercard") => Address::Mastercard(body(map)?),
            Some(_) | None => {
                if map.get("$type").is_some_and(|t| !t.is_string()) {
                    return Err(D::Error::custom("`$type` must be a string"));
                }
                Address::Other(map)
            }
        })
    }
}

/// `postal`: printed and posted. The address must also be in the document,
/// unless `use_coverpage` adds a flyleaf page with it. Registered (`rek`):
/// each `name` and `street` line ≤ 35 characters, `postal_code` 5 digits.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PostalAddress {
    /// One entry per line.
    pub name: Vec<String>,
    /// One entry per line.
    pub street: Vec<String>,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2 (the reference also allows a country name).
    pub country: String,
    pub use_coverpage: bool,
}

/// `email`. CHOICE: the reference lists `subject` twice, the second time as
/// "the recipient's email address"; we name that field `recipient`, as the
/// other types name theirs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailAddress {
    pub subject: String,
    pub recipient: String,
}

/// `einbox`: Digipost (NO), Mina Meddelanden (SE); printed when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EinboxAddress {
    /// Personal number.
    #[serde(default)]
    pub recipient: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
}

/// `einbox_kivra`. `booking` and `invoice` have no documented fields: kept as JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct KivraAddress {
    #[serde(default)]
    pub recipient: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    /// 0 letter (default), 1 invoice, 2 salary, 3 booking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kivra_type: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<Value>,
}

/// `einbox_signer`: a document to sign.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignerAddress {
    #[serde(default)]
    pub info_mail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    #[serde(default)]
    pub signers: Vec<Signer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Signer {
    pub email: String,
    pub recipient: String,
    pub issuer: bool,
}

/// `einvoice`: svefaktura / PEPPOL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EinvoiceAddress {
    /// `svefaktura-1.0`, `svefaktura-2.0-invoice`, `svefaktura-2.0-creditnote`, `peppol-bis-billing-3.0`.
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub sender: String,
    /// `SE.REGNO`, `SE.SSNNO`, `GS1.GLN`.
    #[serde(default)]
    pub sender_type: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub recipient_type: String,
    /// `peppol`, or null.
    #[serde(default)]
    pub intermediator: Option<String>,
}

/// `ebank`: the recipient's internet bank.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EbankAddress {
    #[serde(default)]
    pub recipient: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    /// `ocr` or `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_value: Option<String>,
    /// Digits only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub giro_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autogiro: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation_reference: Option<String>,
}

/// `lookup`: the postal address is looked up in Navet by personal number.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LookupAddress {
    pub recipient: String,
}

/// `protected`: recipients with protected identities (postage `protected`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProtectedAddress {
    pub recipient: String,
    pub use_coverpage: bool,
}

/// `einvoice_mastercard`: an invoice to Norwegian eFaktura / AvtaleGiro. The
/// many optional fields are kept as JSON beside the identifying ones.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MastercardAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// `EFAKTURA`, `EFAKTURA_AND_AVTALEGIRO`, `EFAKTURA_AND_EXTERNAL_AVTALEGIRO`, `AVTALEGIRO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn postal_type_comes_first() {
        let a = Address::Postal(PostalAddress {
            name: vec!["Anna Andersson".into()],
            street: vec!["Storgatan 1".into()],
            postal_code: "111 22".into(),
            city: "Stockholm".into(),
            country: "SE".into(),
            use_coverpage: false,
        });
        let text = serde_json::to_string(&a).unwrap();
        assert!(
            text.starts_with(r#"{"$type":"postal","name":["Anna Andersson"]"#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Address>(&text).unwrap(), a);
    }

    #[test]
    fn unknown_type_kept_known_type_checked() {
        let v = json!({"$type": "carrier_pigeon", "loft": 7});
        let a: Address = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(a.type_name(), Some("carrier_pigeon"));
        assert_eq!(serde_json::to_value(&a).unwrap(), v);
        assert!(serde_json::from_value::<Address>(
            json!({"$type": "postal", "name": "one string"})
        )
        .is_err());
        let m: Address =
            serde_json::from_value(json!({"$type": "mastercard", "kid": "123"})).unwrap();
        assert_eq!(m.type_name(), Some("einvoice_mastercard"));
        assert_eq!(
            serde_json::to_value(&m).unwrap(),
            json!({"$type": "einvoice_mastercard", "kid": "123"})
        );
    }
}
