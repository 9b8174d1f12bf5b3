//! EasyPost Connect's optional client certificate (mutual TLS) for real: a
//! TLS server on loopback (tokio-rustls) that requires a client certificate
//! signed by its test CA, certificates made at test time with rcgen, and the
//! real `easypost::Client` — with the certificate as PEM and as PKCS#12
//! (written with p12-keystore, the crate that reads it), with the wrong
//! password, without a key, without a certificate at all.

use postdesk_providers::easypost::tls::codes;
use postdesk_providers::easypost::{Auth, Client, ClientCertificate};
use postdesk_providers::{ErrorKind, ProviderError, Secret};
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

struct Pki {
    ca: rcgen::Certificate,
    ca_key: KeyPair,
}

/// A leaf certificate signed by the CA, and its key.
struct Leaf {
    cert: rcgen::Certificate,
    key: KeyPair,
}

impl Pki {
    fn new() -> Pki {
        Pki::named("Postdesk test CA")
    }

    fn named(name: &str) -> Pki {
        let ca_key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.distinguished_name.push(DnType::CommonName, name);
        let ca = p.self_signed(&ca_key).unwrap();
        Pki { ca, ca_key }
    }

    fn leaf(&self, name: &str, usage: ExtendedKeyUsagePurpose) -> Leaf {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        p.distinguished_name.push(DnType::CommonName, name);
        p.extended_key_usages = vec![usage];
        let cert = p.signed_by(&key, &self.ca, &self.ca_key).unwrap();
        Leaf { cert, key }
    }
}

/// The server: TLS requiring a client certificate from the CA; answers every
/// request `{"status":"ok"}` and records the client certificates it saw.
async fn server(pki: &Pki) -> (u16, Arc<Mutex<Vec<Vec<u8>>>>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(pki.ca.der().clone()).unwrap();
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .unwrap();
    let host = pki.leaf("localhost", ExtendedKeyUsagePurpose::ServerAuth);
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(
            vec![host.cert.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(host.key.serialize_der())),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let seen = seen2.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                if let Some(certs) = tls.get_ref().1.peer_certificates() {
                    seen.lock()
                        .unwrap()
                        .extend(certs.iter().take(1).map(|c: &CertificateDer| c.to_vec()));
                }
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let body = br#"{"status":"ok"}"#;
                let resp = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(resp.as_bytes()).await;
                let _ = tls.write_all(body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (port, seen)
}

fn client(pki: &Pki, port: u16, cert: Option<ClientCertificate>) -> Result<Client, ProviderError> {
    let mut b = Client::builder(format!("https://localhost:{port}"))
        .auth(Auth::ApiKey(Secret::new("k")))
        .root_certificate(reqwest::Certificate::from_pem(pki.ca.pem().as_bytes()).unwrap());
    if let Some(c) = cert {
        b = b.client_certificate(c);
    }
    b.build()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn pkcs12(leaf: &Leaf, password: &str) -> Vec<u8> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let mut ks = KeyStore::new();
    let chain = PrivateKeyChain::new(
        "client",
        PrivateKey::from_der(&leaf.key.serialize_der()).unwrap(),
        [Certificate::from_der(leaf.cert.der()).unwrap()],
    );
    ks.add_entry("client", KeyStoreEntry::PrivateKeyChain(chain));
    ks.writer(password).write().unwrap()
}

fn cert(path: PathBuf, password: Option<&str>) -> ClientCertificate {
    ClientCertificate {
        path,
        password: password.map(Secret::new),
    }
}

#[tokio::test]
async fn a_pem_client_certificate_is_presented() {
    let pki = Pki::new();
    let (port, seen) = server(&pki).await;
    let me = pki.leaf("Postdesk client", ExtendedKeyUsagePurpose::ClientAuth);
    let dir = tempfile::tempdir().unwrap();
    let pem = format!("{}{}", me.cert.pem(), me.key.serialize_pem());
    let c = client(
        &pki,
        port,
        Some(cert(write(dir.path(), "client.pem", pem.as_bytes()), None)),
    )
    .unwrap();
    c.health().await.unwrap();
    assert_eq!(seen.lock().unwrap().as_slice(), &[me.cert.der().to_vec()]);
}

#[tokio::test]
async fn without_a_certificate_the_handshake_is_refused_clearly() {
    let pki = Pki::new();
    let (port, seen) = server(&pki).await;
    let c = client(&pki, port, None).unwrap();
    let e = c.health().await.unwrap_err();
    assert_eq!(
        (e.kind.clone(), e.code.as_deref()),
        (ErrorKind::Auth, Some(codes::REFUSED)),
        "{e}"
    );
    assert!(seen.lock().unwrap().is_empty());
    // A certificate from another CA: refused as well.
    let stranger = Pki::named("Another CA").leaf("stranger", ExtendedKeyUsagePurpose::ClientAuth);
    let dir = tempfile::tempdir().unwrap();
    let pem = format!("{}{}", stranger.cert.pem(), stranger.key.serialize_pem());
    let c = client(
        &pki,
        port,
        Some(cert(write(dir.path(), "other.pem", pem.as_bytes()), None)),
    )
    .unwrap();
    let e = c.health().await.unwrap_err();
    assert_eq!(e.code.as_deref(), Some(codes::REFUSED), "{e}");
}

#[tokio::test]
async fn a_pkcs12_certificate_opens_with_its_password_only() {
    let pki = Pki::new();
    let (port, seen) = server(&pki).await;
    let me = pki.leaf("Postdesk client p12", ExtendedKeyUsagePurpose::ClientAuth);
    let dir = tempfile::tempdir().unwrap();
    let p12 = write(dir.path(), "client.p12", &pkcs12(&me, "s3cret pw"));
    let c = client(&pki, port, Some(cert(p12.clone(), Some("s3cret pw")))).unwrap();
    c.health().await.unwrap();
    assert_eq!(seen.lock().unwrap().as_slice(), &[me.cert.der().to_vec()]);

    for wrong in [Some("S3cret pw"), Some(""), None] {
        let e = client(&pki, port, Some(cert(p12.clone(), wrong))).unwrap_err();
        assert_eq!(
            (e.kind.clone(), e.code.as_deref()),
            (ErrorKind::Auth, Some(codes::PASSWORD_WRONG))
        );
        assert!(!e.description.contains("S3cret"));
    }
}

#[tokio::test]
async fn unusable_certificate_files_have_their_own_codes() {
    let pki = Pki::new();
    let me = pki.leaf("c", ExtendedKeyUsagePurpose::ClientAuth);
    let dir = tempfile::tempdir().unwrap();
    let code =
        |path: PathBuf, pw: Option<&str>| client(&pki, 1, Some(cert(path, pw))).unwrap_err().code;
    assert_eq!(
        code(dir.path().join("nope.p12"), None).as_deref(),
        Some(codes::MISSING)
    );
    assert_eq!(
        code(dir.path().to_path_buf(), None).as_deref(),
        Some(codes::MISSING),
        "a folder"
    );
    let text = write(dir.path(), "notes.txt", b"Dear customer, ...");
    assert_eq!(code(text, None).as_deref(), Some(codes::INVALID));
    let only_cert = write(dir.path(), "cert.pem", me.cert.pem().as_bytes());
    assert_eq!(code(only_cert, None).as_deref(), Some(codes::NO_KEY));
    // A PKCS#12 store with the certificate alone.
    let mut ks = p12_keystore::KeyStore::new();
    ks.add_entry(
        "ca",
        p12_keystore::KeyStoreEntry::Certificate(
            p12_keystore::Certificate::from_der(me.cert.der()).unwrap(),
        ),
    );
    let trust = write(dir.path(), "trust.p12", &ks.writer("pw").write().unwrap());
    assert_eq!(code(trust, Some("pw")).as_deref(), Some(codes::NO_KEY));
    // Expired (PEM and PKCS#12 alike).
    let old = {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        p.not_before = rcgen::date_time_ymd(2020, 1, 1);
        p.not_after = rcgen::date_time_ymd(2021, 1, 1);
        let cert = p.signed_by(&key, &pki.ca, &pki.ca_key).unwrap();
        Leaf { cert, key }
    };
    let pem = format!("{}{}", old.cert.pem(), old.key.serialize_pem());
    let expired = write(dir.path(), "old.pem", pem.as_bytes());
    assert_eq!(code(expired, None).as_deref(), Some(codes::EXPIRED));
    let expired = write(dir.path(), "old.p12", &pkcs12(&old, "pw"));
    assert_eq!(code(expired, Some("pw")).as_deref(), Some(codes::EXPIRED));
    // A PKCS#12 cut short.
    let mut broken = pkcs12(&me, "pw");
    broken.truncate(broken.len() / 2);
    let broken = write(dir.path(), "broken.p12", &broken);
    assert_eq!(code(broken, Some("pw")).as_deref(), Some(codes::INVALID));
}
