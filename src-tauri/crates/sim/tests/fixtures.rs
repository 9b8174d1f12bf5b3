//! The simulator accepts the documented request fixtures as they are and
//! answers in the shape of the answer fixtures.

mod common;
use common::*;
use serde_json::{json, Value};

/// Same JSON kind (string, number, bool, array, object, null).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key of `actual` is in `expected` with a value of the same kind.
fn same_shape(actual: &Value, expected: &Value) {
    let (a, e) = (actual.as_object().unwrap(), expected.as_object().unwrap());
    for (k, v) in a {
        let ev = e
            .get(k)
            .unwrap_or_else(|| panic!("unexpected key {k} in {actual}"));
        assert_eq!(kind(v), kind(ev), "kind of {k}");
    }
}

#[tokio::test]
async fn raw_fixtures_against_the_sim() {
    let sim = start(50, 0).await;
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", sim.base_url());

    // smsRequest and setPassword with the fixture bodies (code swapped in).
    let sms = fixture("sms_request.json");
    let r = http
        .post(url("/api/Login/smsRequest"))
        .json(&sms)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let mobile = account(&sim, sms["ekp"].as_str().unwrap()).await["mobile"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut set = fixture("set_password_request.json");
    set["smsCode"] = json!(code_for(&sim, &mobile).await);
    let answer: Value = http
        .post(url("/api/Login/setPassword"))
        .json(&set)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    same_shape(&answer, &fixture("set_password_response.json"));

    let mut login = fixture("login_request.json");
    login["secret"] = answer["secret"].clone();
    login["password"] = set["newPassword"].clone();
    let token: Value = http
        .post(url("/api/Login"))
        .json(&login)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    same_shape(&token, &fixture("login_response.json"));
    let bearer = format!("Bearer {}", token["token"].as_str().unwrap());

    // The letter fixture verbatim.
    let request = fixture("letter_request.json");
    let r = http
        .post(url("/api/Letter"))
        .header("Authorization", &bearer)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let accepted: Value = r.json().await.unwrap();
    same_shape(&accepted[0], &fixture("letter_response.json")[0]);
    assert_eq!(accepted[0]["fileName"], request[0]["fileName"]);
    let id = accepted[0]["letterID"].as_i64().unwrap();

    // The minimal foreign letter too.
    let r = http
        .post(url("/api/Letter"))
        .header("Authorization", &bearer)
        .json(&fixture("letter_request_minimal.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Status answers have the fixtures' shape, at each stage.
    let mut stages = Vec::new();
    for _ in 0..40 {
        let s: Value = http
            .get(url(&format!("/api/Letter/{id}")))
            .header("Authorization", &bearer)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let n = s["statusID"].as_i64().unwrap();
        same_shape(&s, &fixture(&format!("status_{n}.json")));
        if stages.last() != Some(&n) {
            stages.push(n);
        }
        if n == 4 {
            // At 4 every documented key the fixture has is there.
            let expected: Vec<_> = fixture("status_4.json")
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            for k in expected {
                assert!(s.get(&k).is_some(), "status 4 lacks {k}");
            }
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(stages.last(), Some(&4), "{stages:?}");

    // A StatusQuery body like the fixture.
    let q: Value = http
        .post(url("/api/Letter/StatusQuery"))
        .header("Authorization", &bearer)
        .json(&json!({ "letterIDs": [id] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    same_shape(&q[0], &fixture("status_4.json"));

    // Test result of the fixture letter (testFlag and testShowRestrictedArea
    // true): the fixture PDF with the restricted-area template drawn over it.
    let t: Value = http
        .get(url(&format!("/api/Letter/TestResult/{id}")))
        .header("Authorization", &bearer)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    same_shape(&t, &fixture("test_result.json"));
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let sent = b64.decode(request[0]["data"].as_str().unwrap()).unwrap();
    let result = b64.decode(t["data"].as_str().unwrap()).unwrap();
    assert_eq!(request[0]["testShowRestrictedArea"], true);
    assert!(result.starts_with(b"%PDF-") && result != sent, "a PDF with the zones added");
    let text = String::from_utf8_lossy(&result);
    assert!(text.contains("(Musterfirma GmbH) Tj"), "the letter's own content is kept");
    assert!(text.matches(" re\n").count() >= 3, "address window, franking band, left margin drawn");

    // /_sim/letters has every field received except data, plus the sha256.
    let letters = get_json(&sim, "/_sim/letters").await;
    let stored = letters
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["letterID"] == id)
        .unwrap();
    for (k, v) in request[0].as_object().unwrap() {
        if k == "data" {
            assert!(stored.get("data").is_none());
        } else {
            assert_eq!(&stored[k], v, "{k}");
        }
    }
    use sha2::Digest;
    assert_eq!(stored["sha256"], hex::encode(sha2::Sha256::digest(pdf())));

    // Error answers have the error fixture's shape.
    let mut bad = request.clone();
    bad[0]["zipCode"] = json!("1");
    bad[0]["fileName"] = json!("Anderer-Name.pdf");
    let r = http
        .post(url("/api/Letter"))
        .header("Authorization", &bearer)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let errors: Value = r.json().await.unwrap();
    same_shape(&errors[0], &fixture("error_object.json"));
    same_shape(&errors[0], &fixture("errors_400.json")[0]);
    assert_eq!(errors[0]["code"], "E104");
}

#[tokio::test]
async fn fixture_letters_through_the_client() {
    let sim = start(50, 0).await;
    let client = client(&sim, 0);
    onboard(&sim, &client, EKP).await;
    let letters: Vec<postdesk_providers::epost::Letter> =
        serde_json::from_value(fixture("letter_request.json")).unwrap();
    let accepted = client.send_letters(&letters).await.unwrap();
    assert_eq!(accepted[0].file_name, letters[0].file_name);
}
