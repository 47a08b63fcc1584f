"""Drives the emulator with Alibaba Cloud's official Python clients and checks the answers.

Usage: emulator_python_compat.py HOST:PORT STS_HOST:PORT ACCESS_KEY_ID ACCESS_KEY_SECRET STS_TOKEN

HOST:PORT is an emulator started with the key pair alone, STS_HOST:PORT one that also requires
STS_TOKEN.

Three clients: the current generated client (alibabacloud-vod20170321 on
alibabacloud-tea-openapi) signing with ACS3-HMAC-SHA256 (its default) and with HMAC-SHA1
(signature_algorithm='v2'), and the legacy core (aliyun-python-sdk-core + aliyun-python-sdk-vod),
which signs extra parameters (RegionId, SignatureType). Each must get parsed responses, the
domain family's state, and the service's error codes.
"""

import json
import sys

from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_vod20170321 import models as vod_models
from alibabacloud_vod20170321.client import Client
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkvod.request.v20170321.AddVodDomainRequest import AddVodDomainRequest
from aliyunsdkvod.request.v20170321.DeleteVodDomainRequest import DeleteVodDomainRequest
from aliyunsdkvod.request.v20170321.DescribeVodDomainCertificateInfoRequest import (
    DescribeVodDomainCertificateInfoRequest,
)
from aliyunsdkvod.request.v20170321.DescribeVodUserDomainsRequest import DescribeVodUserDomainsRequest

SOURCES = '[{"content":"1.1.1.1","type":"ipaddr","priority":"20","port":80}]'


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"  ok: {what}")


def tea_client(endpoint, key_id, secret, algorithm, token=None):
    config = open_api_models.Config(
        access_key_id=key_id,
        access_key_secret=secret,
        security_token=token,
        endpoint=endpoint,
        protocol="HTTP",
        region_id="cn-shanghai",
    )
    if algorithm:
        config.signature_algorithm = algorithm
    return Client(config)


def run_tea(endpoint, key_id, secret, algorithm, domain):
    label = algorithm or "v3 (default)"
    print(f"alibabacloud-vod20170321, signature {label}")
    client = tea_client(endpoint, key_id, secret, algorithm)

    info = client.describe_vod_domain_certificate_info(
        vod_models.DescribeVodDomainCertificateInfoRequest(domain_name="example.com")
    )
    check(info.status_code == 200, "DescribeVodDomainCertificateInfo answers 200")
    cert = info.body.cert_infos.cert_info[0]
    check(cert.domain_name == "example.com", "the seeded certificate parses into the model")
    check(bool(info.body.request_id), "the response carries a RequestId")

    client.add_vod_domain(vod_models.AddVodDomainRequest(domain_name=domain, sources=SOURCES))
    listed = client.describe_vod_user_domains(
        vod_models.DescribeVodUserDomainsRequest(domain_name=domain, domain_search_type="full_match")
    )
    check(listed.body.total_count == 1, f"DescribeVodUserDomains finds {domain}")
    page = listed.body.domains.page_data[0]
    check(page.domain_name == domain, "the listed domain parses into the model")
    check(page.sources.source[0].content == "1.1.1.1", "its sources come back")

    client.set_vod_domain_certificate(
        vod_models.SetVodDomainCertificateRequest(
            domain_name=domain, sslprotocol="on", cert_name="compat-cert", sslpub="PEM", sslpri="KEY"
        )
    )
    info = client.describe_vod_domain_certificate_info(
        vod_models.DescribeVodDomainCertificateInfoRequest(domain_name=domain)
    )
    check(info.body.cert_infos.cert_info[0].cert_name == "compat-cert", "a set certificate is described")

    client.delete_vod_domain(vod_models.DeleteVodDomainRequest(domain_name=domain))
    try:
        client.describe_vod_domain_certificate_info(
            vod_models.DescribeVodDomainCertificateInfoRequest(domain_name=domain)
        )
    except Exception as error:  # Tea raises its own ClientException type per version.
        code = getattr(error, "code", None)
        status = getattr(error, "status_code", None) or (getattr(error, "data", None) or {}).get("statusCode")
        check(code == "InvalidDomain.NotFound", f"a deleted domain is InvalidDomain.NotFound ({code}, {status})")
    else:
        raise AssertionError("a deleted domain was still described")

    bad = tea_client(endpoint, key_id, secret + "x", algorithm)
    try:
        bad.describe_vod_domain_certificate_info(
            vod_models.DescribeVodDomainCertificateInfoRequest(domain_name="example.com")
        )
    except Exception as error:
        check(getattr(error, "code", None) == "SignatureDoesNotMatch", "a wrong secret is SignatureDoesNotMatch")
    else:
        raise AssertionError("a wrong secret was accepted")


def legacy_send(client, endpoint, request):
    request.set_endpoint(endpoint)
    request.set_protocol_type("http")
    return client.do_action_with_exception(request)


def run_legacy(endpoint, key_id, secret, domain):
    print("aliyun-python-sdk-core (legacy, HMAC-SHA1 with RegionId and SignatureType)")
    client = AcsClient(key_id, secret, "cn-shanghai")

    def send(request):
        return json.loads(legacy_send(client, endpoint, request))

    request = DescribeVodDomainCertificateInfoRequest()
    request.set_DomainName("example.com")
    # do_action_with_exception forces Format=JSON; get_response keeps the format asked for.
    request.set_endpoint(endpoint)
    request.set_protocol_type("http")
    request.set_accept_format("XML")
    status, _headers, xml = client.get_response(request)
    xml = xml.decode()
    check(status == 200, "a Format=XML call is accepted")
    check(
        "<DescribeVodDomainCertificateInfoResponse><CertInfos><CertInfo>" in xml,
        "Format=XML answers the XML document",
    )

    request = DescribeVodDomainCertificateInfoRequest()
    request.set_DomainName("example.com")
    body = send(request)
    check(body["CertInfos"]["CertInfo"][0]["DomainName"] == "example.com", "DescribeVodDomainCertificateInfo parses")

    request = AddVodDomainRequest()
    request.set_DomainName(domain)
    request.set_Sources(SOURCES)
    send(request)
    request = DescribeVodUserDomainsRequest()
    request.set_DomainName(domain)
    request.set_DomainSearchType("full_match")
    body = send(request)
    check(body["Domains"]["PageData"][0]["DomainName"] == domain, f"DescribeVodUserDomains finds {domain}")

    request = DeleteVodDomainRequest()
    request.set_DomainName(domain)
    send(request)
    request = DeleteVodDomainRequest()
    request.set_DomainName(domain)
    try:
        send(request)
    except ServerException as error:
        check(
            (error.get_error_code(), error.get_http_status()) == ("InvalidDomain.NotFound", 404),
            "deleting twice is InvalidDomain.NotFound (404)",
        )
    else:
        raise AssertionError("a domain was deleted twice")


def run_sts(endpoint, key_id, secret, token):
    print("STS credentials (security token) with every client")
    request = vod_models.DescribeVodDomainCertificateInfoRequest(domain_name="example.com")
    for algorithm in [None, "v2"]:
        answer = tea_client(endpoint, key_id, secret, algorithm, token).describe_vod_domain_certificate_info(request)
        check(answer.status_code == 200, f"alibabacloud-vod20170321 {algorithm or 'v3'} with a token is accepted")
        try:
            tea_client(endpoint, key_id, secret, algorithm).describe_vod_domain_certificate_info(request)
        except Exception as error:
            code = getattr(error, "code", None)
            check(code == "InvalidSecurityToken.MismatchWithAccessKey", f"without the token it is refused ({code})")
        else:
            raise AssertionError("a call without the required token was accepted")

    from aliyunsdkcore.auth.credentials import StsTokenCredential

    client = AcsClient(region_id="cn-shanghai", credential=StsTokenCredential(key_id, secret, token))
    legacy = DescribeVodDomainCertificateInfoRequest()
    legacy.set_DomainName("example.com")
    body = json.loads(legacy_send(client, endpoint, legacy))
    check(body["CertInfos"]["CertInfo"][0]["DomainName"] == "example.com", "the legacy core with a token is accepted")


def run_faults(endpoint, key_id, secret):
    print("injected faults as the official client sees them")
    from urllib.request import Request, urlopen

    from alibabacloud_tea_openapi.exceptions import ThrottlingException

    rule = json.dumps({"kind": "throttle", "retry_after_ms": 250}).encode()
    control = Request(f"http://{endpoint}/__emulator/faults", data=rule, method="POST")
    with urlopen(control) as answer:
        check(answer.status == 200, "the control endpoint queues a throttling rule")
    request = vod_models.DescribeVodDomainCertificateInfoRequest(domain_name="example.com")
    client = tea_client(endpoint, key_id, secret, None)
    try:
        client.describe_vod_domain_certificate_info(request)
    except ThrottlingException as error:
        check(error.retry_after == 250, f"ThrottlingException carries x-acs-retry-after ({error.retry_after} ms)")
        check(error.code == "Throttling.User", "with the Throttling.User code")
    else:
        raise AssertionError("a throttled call succeeded")
    check(client.describe_vod_domain_certificate_info(request).status_code == 200, "the next call succeeds")


def main():
    endpoint, sts_endpoint, key_id, secret, token = sys.argv[1:6]
    run_tea(endpoint, key_id, secret, None, "v3.compat.example.net")
    run_tea(endpoint, key_id, secret, "v2", "v2.compat.example.net")
    run_legacy(endpoint, key_id, secret, "legacy.compat.example.net")
    run_sts(sts_endpoint, key_id, secret, token)
    run_faults(endpoint, key_id, secret)
    print("all official clients accepted")


if __name__ == "__main__":
    main()
