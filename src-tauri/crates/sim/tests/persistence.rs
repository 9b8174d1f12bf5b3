//! With a state file, a restart keeps accounts, letters, inbox and ids.

mod common;
use common::*;
use postdesk_sim::{Sim, SimConfig};
use std::time::Duration;

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sim/state.json");
    let config = SimConfig {
        state_path: Some(path.clone()),
        ..SimConfig::fast(Duration::from_millis(100), Duration::ZERO)
    };

    let sim = Sim::start(config.clone()).await.unwrap();
    let c = client(&sim, 0);
    let secret = onboard(&sim, &c, EKP).await;
    let first = c
        .send_letters(&[letter("Vor-Neustart.pdf", &unique_pdf("p1"))])
        .await
        .unwrap()[0]
        .letter_id;
    let inbox_before = sim.inbox();
    sim.shutdown().await;
    assert!(path.exists());

    let sim = Sim::start(config).await.unwrap();
    let c = client(&sim, 0);
    c.login(EKP, &secret, &PASSWORD.into()).await.unwrap();
    let s = c.letter_status(first).await.unwrap();
    assert_eq!(s.file_name.as_deref(), Some("Vor-Neustart.pdf"));
    let second = c
        .send_letters(&[letter("Nach-Neustart.pdf", &unique_pdf("p2"))])
        .await
        .unwrap()[0]
        .letter_id;
    assert!(second > first);
    assert_eq!(sim.letters().len(), 2);
    assert_eq!(sim.inbox(), inbox_before);
    // The same file name is still taken after the restart.
    assert!(c
        .send_letters(&[letter("Vor-Neustart.pdf", &unique_pdf("p3"))])
        .await
        .is_err());
}
