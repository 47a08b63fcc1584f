"""Times the official Python SDK's signing of the requests `cargo bench -p vod-runtime` signs.

Run through scripts/bench_python_signing.sh, which installs the SDK in a venv. Two measures:

- `core`: only the steps our benchmark also does, with the same fixed timestamp, nonce and
  keys as runtime/benches: the generated client's query dict and `Utils.query` flattening,
  the common parameters or headers, then `Utils.get_authorization` (v3) or
  `Utils.get_rpcsignature` (v1), as in alibabacloud_tea_openapi `do_request`/`do_rpcrequest`.
- `client`: a whole generated-client call (`describe_vod_..._with_options`) up to the point
  the request would go on the wire: `DaraCore.do_action` is replaced by one that stops.

Prints one line per case: `<measure> <algorithm> <case> <microseconds per request>`.
"""

import hashlib
import timeit
from types import SimpleNamespace

import alibabacloud_tea_openapi.client as openapi_client
from alibabacloud_tea_openapi.models import Config
from alibabacloud_tea_openapi.utils import Utils
from alibabacloud_vod20170321.client import Client
from darabonba.exceptions import UnretryableException
from darabonba.runtime import RuntimeOptions
from alibabacloud_vod20170321 import models

ACCESS_KEY_ID = "LTAI5tExampleAccessKeyId"
ACCESS_KEY_SECRET = "ExampleAccessKeySecretValue012"
TIMESTAMP = "2026-12-04T10:00:00Z"
NONCE = "3156853299f313e23d1673dc12e1703d"
HOST = "vod.cn-shanghai.aliyuncs.com"
VERSION = "2017-03-21"


def certificate_query():
    request = models.DescribeVodDomainCertificateInfoRequest(domain_name="example.com")
    query = {}
    if request.domain_name is not None:
        query["DomainName"] = request.domain_name
    return "DescribeVodDomainCertificateInfo", Utils.query(query)


USER_DOMAINS = models.DescribeVodUserDomainsRequest(
    page_size=50,
    page_number=1,
    domain_name="example.com",
    domain_status="online",
    domain_search_type="fuzzy_match",
    tag=[
        models.DescribeVodUserDomainsRequestTag(key=f"team {n}", value=f"video/编码-{n}")
        for n in range(1, 11)
    ],
)


def user_domains_query():
    # The generated client's body of describe_vod_user_domains_with_options.
    request = USER_DOMAINS
    query = {}
    for key, value in (
        ("DomainName", request.domain_name),
        ("DomainSearchType", request.domain_search_type),
        ("DomainStatus", request.domain_status),
        ("PageNumber", request.page_number),
        ("PageSize", request.page_size),
        ("Tag", request.tag),
    ):
        if value is not None:
            query[key] = value
    return "DescribeVodUserDomains", Utils.query(query)


EMPTY_PAYLOAD = hashlib.sha256(b"").hexdigest()


def sign_v3(build):
    action, query = build()
    headers = {
        "host": HOST,
        "x-acs-version": VERSION,
        "x-acs-action": action,
        "x-acs-date": TIMESTAMP,
        "x-acs-signature-nonce": NONCE,
        "x-acs-content-sha256": EMPTY_PAYLOAD,
    }
    request = SimpleNamespace(pathname="/", method="POST", query=query, headers=headers)
    headers["Authorization"] = Utils.get_authorization(
        request, "ACS3-HMAC-SHA256", EMPTY_PAYLOAD, ACCESS_KEY_ID, ACCESS_KEY_SECRET
    )
    return headers


def sign_v1(build):
    action, query = build()
    query.update(
        {
            "Action": action,
            "Format": "JSON",
            "Version": VERSION,
            "Timestamp": TIMESTAMP,
            "SignatureNonce": NONCE,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "AccessKeyId": ACCESS_KEY_ID,
        }
    )
    query["Signature"] = Utils.get_rpcsignature(dict(query), "POST", ACCESS_KEY_SECRET)
    return query


class Sent(Exception):
    """Raised in place of sending: the request is fully built and signed by then."""


def stop_before_sending(request, runtime_options):
    raise Sent()


def client_call(algorithm):
    config = Config(
        access_key_id=ACCESS_KEY_ID,
        access_key_secret=ACCESS_KEY_SECRET,
        endpoint=HOST,
        signature_algorithm="v2" if algorithm == "v1" else None,
    )
    client = Client(config)
    runtime = RuntimeOptions()
    certificate = models.DescribeVodDomainCertificateInfoRequest(domain_name="example.com")

    def call(name):
        try:
            if name == "certificate_info":
                client.describe_vod_domain_certificate_info_with_options(certificate, runtime)
            else:
                client.describe_vod_user_domains_with_options(USER_DOMAINS, runtime)
        except UnretryableException as stopped:
            # The SDK wraps whatever the transport raised; make sure it is our stop.
            if isinstance(stopped.inner_exception, Sent):
                return
            raise
        raise RuntimeError("the SDK sent nothing")

    return call


def per_request_us(function, argument):
    timer = timeit.Timer(lambda: function(argument))
    loops, _ = timer.autorange()
    best = min(timer.repeat(repeat=5, number=loops))
    return best / loops * 1e6


def main():
    cases = (("certificate_info", certificate_query), ("user_domains_10_tags", user_domains_query))
    for algorithm, sign in (("v3", sign_v3), ("v1", sign_v1)):
        for name, build in cases:
            print(f"core {algorithm} {name} {per_request_us(sign, build):.3f}")
    openapi_client.DaraCore.do_action = stop_before_sending
    for algorithm in ("v3", "v1"):
        call = client_call(algorithm)
        for name, _ in cases:
            print(f"client {algorithm} {name} {per_request_us(call, name):.3f}")


if __name__ == "__main__":
    main()
