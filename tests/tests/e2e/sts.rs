//! Temporary (STS) credentials: the token is signed into each call, with both algorithms.

use emulator::Emulator;
use vod_runtime::credentials::Credentials;

use crate::common::{self, ALGORITHMS, ID, SECRET};
use crate::sdk_client::certificate_of;

const TOKEN: &str = "e2e-sts-security-token";

#[tokio::test]
async fn an_sts_token_is_sent_and_required() {
    let harness = common::start_with(
        Emulator::builder()
            .credentials(emulator::Credentials::new(ID, SECRET).with_security_token(TOKEN)),
    )
    .await;
    for algorithm in ALGORITHMS {
        let with_token = Credentials::new(ID, SECRET).with_security_token(TOKEN);
        let client = vod_sdk::Client::new(harness.config(algorithm).credentials(with_token));
        let answer = client
            .describe_vod_domain_certificate_info(&certificate_of("example.com"))
            .await
            .unwrap_or_else(|error| panic!("{algorithm:?}: {error}"));
        assert_eq!(answer.cert_infos()[0].domain_name(), Some("example.com"));

        let wrong = Credentials::new(ID, SECRET).with_security_token("another-token");
        for client in [
            harness.client(algorithm),
            vod_sdk::Client::new(harness.config(algorithm).credentials(wrong)),
        ] {
            let error = client
                .describe_vod_domain_certificate_info(&certificate_of("example.com"))
                .await
                .unwrap_err();
            let service = error.service_error().unwrap_or_else(|| panic!("{error:?}"));
            assert_eq!(
                (service.code(), service.status()),
                ("InvalidSecurityToken.MismatchWithAccessKey", 400),
                "{algorithm:?}"
            );
            // The token is a secret: no error text carries it.
            assert!(!format!("{error} {error:?}").contains(TOKEN));
        }
    }
}
