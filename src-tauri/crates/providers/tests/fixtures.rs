//! The documented wire examples in `fixtures/epost/` parse into our types and
//! serialize back to the same JSON (names, shapes, optional fields).

use postdesk_providers::epost::wire::*;
use postdesk_providers::Secret;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../fixtures/epost")
        .join(name)
}

fn fixture(name: &str) -> Value {
    let text =
        std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Parse the fixture into `T`, serialize it again, and demand the same JSON.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let original = fixture(name);
    let parsed: T =
        serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let again = serde_json::to_value(&parsed).unwrap();
    assert_eq!(again, original, "{name} does not round-trip");
    parsed
}

#[test]
fn login_fixtures() {
    let req: LoginRequest = round_trip("login_request.json");
    assert_eq!(req.vendor_id, "POSTDESK01");
    assert_eq!(req.ekp.len(), 10);
    assert_eq!(req.token_duration, Some(1440));
    // Debug of a request with credentials shows no credential.
    let debug = format!("{req:?}");
    assert!(
        !debug.contains("Sommer2024!") && !debug.contains("Qm9ubi1TZWNyZXQtMDAx"),
        "{debug}"
    );

    let answer: LoginResponse = round_trip("login_response.json");
    assert!(answer.token.expose().starts_with("eyJ"));
    assert_eq!(format!("{answer:?}"), "LoginResponse { token: <redacted> }");

    let _: SmsRequest = round_trip("sms_request.json");
    let set: SetPasswordRequest = round_trip("set_password_request.json");
    assert_eq!(set.sms_code.len(), 6);
    let secret: SetPasswordResponse = round_trip("set_password_response.json");
    assert_eq!(secret.secret, Secret::new("Qm9ubi1TZWNyZXQtMDAx"));
}

#[test]
fn letter_request_fixtures() {
    let letters: Vec<Letter> = round_trip("letter_request.json");
    let l = &letters[0];
    assert_eq!(
        l.registered_letter,
        Some(RegisteredLetter::EinwurfEinschreiben)
    );
    assert_eq!(l.sender_adress_line1.as_deref(), Some("Postdesk Demo GmbH"));
    assert_eq!(l.test_email.as_deref(), Some("test@example.com"));
    assert_eq!(l.batch_id, Some(42));
    assert_eq!(l.activate_duplicate_failsafe, Some(true));
    let pdf = l.data.decode().unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(pdf, std::fs::read(fixture_path("letter.pdf")).unwrap());
    assert_eq!(l.data.decoded_len_estimate(), pdf.len());
    assert!(l.is_domestic());
    // The PDF never floods Debug output.
    assert!(format!("{l:?}").len() < 2000);

    let minimal: Vec<Letter> = round_trip("letter_request_minimal.json");
    assert!(!minimal[0].is_domestic());
    assert_eq!(minimal[0].country.as_deref(), Some("ÖSTERREICH"));
}

#[test]
fn letter_built_in_code_matches_fixture_names() {
    let pdf = std::fs::read(fixture_path("letter.pdf")).unwrap();
    let mut letter = Letter::new(
        "Rechnung-2024-0815.pdf",
        &pdf,
        "Musterfirma GmbH",
        "53113",
        "Bonn",
    );
    letter.registered_letter = Some(RegisteredLetter::EinschreibenRueckschein);
    letter.sender_adress_line_complete = Some("Postdesk, Beispielweg 7, 10115 Berlin".into());
    letter.test_email = Some("t@example.com".into());
    let v = serde_json::to_value([&letter]).unwrap();
    let o = v[0].as_object().unwrap();
    for key in [
        "fileName",
        "data",
        "addressLine1",
        "zipCode",
        "city",
        "activateDuplicateFailsafe",
        "registeredLetter",
        "senderAdressLineComplete",
        "testEMail",
    ] {
        assert!(o.contains_key(key), "missing {key}");
    }
    assert_eq!(o["registeredLetter"], "Einschreiben Rückschein");
    assert!(!o.contains_key("addressLine2"), "None fields are left out");
    assert!(!o.contains_key("isDuplex"));
}

#[test]
fn letter_answer_fixture() {
    let accepted: Vec<LetterAccepted> = round_trip("letter_response.json");
    assert_eq!(accepted[0].letter_id, 10000001);
}

#[test]
fn status_fixtures() {
    for (name, id) in [
        ("status_1.json", 1),
        ("status_2.json", 2),
        ("status_3.json", 3),
        ("status_4.json", 4),
    ] {
        let s: LetterStatus = round_trip(name);
        assert_eq!(s.status_id, id);
        assert!(s.errors().is_empty());
        assert_eq!(s.status().to_wire(), id);
    }
    let s3: LetterStatus = round_trip("status_3.json");
    assert_eq!(s3.registered_letter_id.as_deref(), Some("RT000000001DE"));
    assert_eq!(s3.status(), StatusId::AtPrintCentre);
    let s99: LetterStatus = round_trip("status_99.json");
    assert_eq!(s99.status(), StatusId::Error);
    assert!(s99.status().is_final());
    assert_eq!(s99.errors()[0].code, "E612");
    assert_eq!(s99.errors()[0].level, Some(ErrorLevel::Error));
}

#[test]
fn tolerant_status_parsing() {
    // Unknown fields are ignored, missing optional ones default, nulls are fine.
    let s: LetterStatus = serde_json::from_str(
        r#"{"letterID": 7, "statusID": 2, "newField": {"x": 1}, "errorList": null, "city": null}"#,
    )
    .unwrap();
    assert_eq!(s.letter_id, 7);
    assert!(s.errors().is_empty());
    assert_eq!(s.city, None);
    assert_eq!(StatusId::from_wire(5), StatusId::Unknown(5));
}

#[test]
fn error_fixtures() {
    let one: ApiError = round_trip("error_object.json");
    assert_eq!(one.code, "E613");
    let many: Vec<ApiError> = round_trip("errors_400.json");
    assert_eq!(many.len(), 2);
    let odd: ApiError =
        serde_json::from_str(r#"{"level":"Fatal","code":"X1","description":null}"#).unwrap();
    assert_eq!(odd.level, Some(ErrorLevel::Other("Fatal".into())));
    assert_eq!((odd.code.as_str(), odd.description.as_str()), ("X1", ""));
}

#[test]
fn status_query_test_result_and_admin_fixtures() {
    let q: StatusQuery = round_trip("status_query_request.json");
    assert_eq!(q, StatusQuery::letters([10000001, 10000002]));
    let r: LetterDataResult = round_trip("test_result.json");
    assert!(r.data.decode().unwrap().starts_with(b"%PDF"));
    let _: EMailRequest = round_trip("client_email_request.json");
    let s: SetEMail = round_trip("client_set_email.json");
    assert_eq!(s.sms_code, "204816");
    let _: MobileRequest = round_trip("client_mobile_request.json");
    let m: SetMobile = round_trip("client_set_mobile.json");
    assert_eq!(m.email_code, "731905");
}
