#!/usr/bin/env python3
"""Generates the synthetic ITI-65 (Provide Document Bundle) test bundles in this folder.

Python 3 standard library only. Run from anywhere:

    python3 testdata/generate.py

Everything is deterministic (fixed UUIDs derived with uuid5, fixed dates, hand-written PDFs
without timestamps), so re-running the script reproduces the checked-in files byte for byte.
Sizes and SHA-1 hashes in DocumentReference.content.attachment are computed from the real bytes.

All persons, numbers and clinical texts are synthetic.
"""

import base64
import copy
import hashlib
import json
import os
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Systems and profiles
# ---------------------------------------------------------------------------------------------
MHD = "https://profiles.ihe.net/ITI/MHD"
PROFILE_BUNDLE = MHD + "/StructureDefinition/IHE.MHD.Comprehensive.ProvideBundle"
PROFILE_SUBSET = MHD + "/StructureDefinition/IHE.MHD.Comprehensive.SubmissionSet"
PROFILE_DOCREF = MHD + "/StructureDefinition/IHE.MHD.Comprehensive.DocumentReference"
EXT_SOURCE_ID = MHD + "/StructureDefinition/ihe-sourceId"
EXT_DESIGNATION_TYPE = MHD + "/StructureDefinition/ihe-designationType"
CS_LIST_TYPES = MHD + "/CodeSystem/MHDlistTypes"
RFC3986 = "urn:ietf:rfc:3986"
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
HPR = "urn:oid:2.16.578.1.12.4.1.4.4"
ORGNR = "urn:oid:2.16.578.1.12.4.1.4.101"
V9602 = "urn:oid:2.16.578.1.12.4.1.1.9602"
V9603 = "urn:oid:2.16.578.1.12.4.1.1.9603"
V8451 = "urn:oid:2.16.578.1.12.4.1.1.8451"
V8655 = "urn:oid:2.16.578.1.12.4.1.1.8655"
SNOMED = "http://snomed.info/sct"
FORMAT_CS = "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode"
FORMAT_CODE = "urn:ihe:iti:xds:2017:mimeTypeSufficient"

ORG_NAME = "Oslo universitetssykehus HF"
ORG_NR = "993467049"
SOURCE_ID = "urn:oid:2.16.578.1.12.4.1.2.993467049"
DOC_OID_ROOT = "2.16.578.1.12.4.1.7.993467049.1"      # DocumentReference.masterIdentifier
SUBSET_OID_ROOT = "2.16.578.1.12.4.1.7.993467049.2"   # SubmissionSet uniqueId

CATEGORIES = {
    "A00-1": "Epikriser og sammenfatninger",
    "E00-1": "Bildediagnostikk",
}
TYPES = {
    "A03-2": "Epikrise",
    "A13-2": "Poliklinisk epikrise",
    "E01-2": "Radiologisvar",
}

# ---------------------------------------------------------------------------------------------
# Fødselsnummer (synthetic: month + 80)
# ---------------------------------------------------------------------------------------------
W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _mod11(digits, weights):
    """11 - (weighted sum mod 11); 11 -> 0; 10 -> None (no valid check digit)."""
    r = 11 - sum(d * w for d, w in zip(digits, weights)) % 11
    if r == 11:
        return 0
    if r == 10:
        return None
    return r


def fnr_check_digits(first9):
    """The two control digits for a 9-digit prefix, or None when the prefix cannot be used."""
    d = [int(c) for c in first9]
    assert len(d) == 9
    k1 = _mod11(d, W1)
    if k1 is None:
        return None
    k2 = _mod11(d + [k1], W2)
    if k2 is None:
        return None
    return "%d%d" % (k1, k2)


def is_valid_fnr(fnr):
    if len(fnr) != 11 or not fnr.isdigit():
        return False
    return fnr_check_digits(fnr[:9]) == fnr[9:]


def synthetic_fnr(day, month, year, individual):
    """Synthetic fødselsnummer (month + 80). Tries individual numbers upwards from `individual`
    until the control digits work out. Individual numbers 000-499 belong to 1900-1999."""
    assert 1900 <= year <= 1999
    for ind in range(individual, 500):
        first9 = "%02d%02d%02d%03d" % (day, month + 80, year % 100, ind)
        k = fnr_check_digits(first9)
        if k is not None:
            fnr = first9 + k
            assert is_valid_fnr(fnr)
            return fnr
    raise ValueError("no valid individual number found")


PATIENT_A = {"name": "Solveig Haugland Brekke", "born": "14.09.1961",
             "fnr": synthetic_fnr(14, 9, 1961, 241)}
PATIENT_B = {"name": "Tormod Aasen Lie", "born": "03.07.1978",
             "fnr": synthetic_fnr(3, 7, 1978, 417)}
assert PATIENT_A["fnr"] != PATIENT_B["fnr"]

# ---------------------------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------------------------
_UUID_NS = uuid.UUID("6f1c3d2e-8a47-4b59-9c0e-2d7a51e4b806")  # our own fixed namespace
_seen_uuids = set()
_seen_oids = set()


def fixed_uuid(name):
    u = "urn:uuid:" + str(uuid.uuid5(_UUID_NS, name))
    assert u not in _seen_uuids, name
    _seen_uuids.add(u)
    return u


def doc_oid(n):
    v = "urn:oid:%s.%d" % (DOC_OID_ROOT, n)
    assert v not in _seen_oids, v
    _seen_oids.add(v)
    return v


def subset_oid(n):
    v = "urn:oid:%s.%d" % (SUBSET_OID_ROOT, n)
    assert v not in _seen_oids, v
    _seen_oids.add(v)
    return v


# ---------------------------------------------------------------------------------------------
# Document bytes
# ---------------------------------------------------------------------------------------------
def _pdf_text(s):
    """A PDF literal string in WinAnsiEncoding (cp1252), non-ASCII written as octal escapes."""
    out = []
    for b in s.encode("cp1252"):
        c = chr(b)
        if c in "()\\":
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return "(" + "".join(out) + ")"


def make_pdf(title, lines):
    """A small, valid one-page A4 PDF 1.4 with Helvetica text; byte offsets computed exactly."""
    ops = ["BT", "/F1 15 Tf", "56 780 Td", _pdf_text(title) + " Tj", "/F1 10 Tf", "14 TL", "T*"]
    for line in lines:
        ops.append("T*")
        ops.append(_pdf_text(line) + " Tj")
    ops.append("ET")
    stream = ("\n".join(ops) + "\n").encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def pdf_epikrise(patient, corrected=False):
    lines = [
        "Oslo universitetssykehus HF, Medisinsk klinikk, Avdeling for indremedisin",
        "Pasient: %s, f. %s, fnr. %s" % (patient["name"], patient["born"], patient["fnr"]),
        "Innlagt 02.02.2026, utskrevet 09.02.2026.",
        "",
        "Diagnose: Samfunnservervet pneumoni, hoyre underlapp (J18.1).",
        "Forløp: Innlagt med feber, hoste og økende tungpust. CRP 186. Behandlet med",
        "benzylpenicillin i.v. i tre døgn, deretter fenoksymetylpenicillin peroralt.",
        "Rask klinisk bedring, feberfri fra tredje døgn.",
        "",
        "Videre plan: Fortsetter fenoksymetylpenicillin 1 g x 4 til og med 14.02.2026.",
        "Kontroll hos fastlege om to uker med CRP. Nytt røntgen thorax om seks uker.",
    ]
    if corrected:
        lines[4] = "Diagnose: Samfunnservervet pneumoni, høyre underlapp (J18.1)."
        lines.insert(10, "Rettelse 11.02.2026: Korrigert diagnosetekst og kontrolltidspunkt. Erstatter tidligere versjon.")
        lines[11] = "Kontroll hos fastlege om ti dager med CRP. Nytt røntgen thorax om seks uker."
    lines += ["", "Med vennlig hilsen", "Ingrid Vatne Holm, overlege (elektronisk godkjent)"]
    title = "Epikrise (korrigert versjon)" if corrected else "Epikrise"
    return make_pdf(title, lines)


def pdf_poliklinisk(patient):
    lines = [
        "Oslo universitetssykehus HF, Medisinsk klinikk, Hjertemedisinsk poliklinikk",
        "Pasient: %s, f. %s, fnr. %s" % (patient["name"], patient["born"], patient["fnr"]),
        "Poliklinisk konsultasjon 04.03.2026.",
        "",
        "Problemstilling: Hjertebank og svimmelhet siste måneder.",
        "Funn: Normal status. EKG sinusrytme 68/min. 24-timers Holter uten",
        "behandlingstrengende arytmier. Ekkokardiografi normal.",
        "",
        "Vurdering: Ingen holdepunkt for alvorlig hjertesykdom. Plagene tolkes som",
        "benigne ekstraslag. Pasienten er informert og beroliget.",
        "Videre oppfølging hos fastlege. Ny henvisning ved forverring.",
        "",
        "Med vennlig hilsen",
        "Ingrid Vatne Holm, overlege (elektronisk godkjent)",
    ]
    return make_pdf("Poliklinisk epikrise", lines)


def txt_radiologi(patient, date="17.03.2026"):
    text = (
        "RADIOLOGISVAR\n"
        "Oslo universitetssykehus HF, Klinikk for radiologi og nukleærmedisin\n"
        "Pasient: %s, f. %s, fnr. %s\n"
        "Undersøkelse: CT thorax med intravenøs kontrast, " + date + "\n"
        "Henvisende: Medisinsk poliklinikk\n"
        "\n"
        "Klinisk problemstilling: Langvarig hoste, tidligere røyker. Spørsmål om tumor.\n"
        "\n"
        "Funn: Ingen fortetninger eller noduli i lungene. Ingen pleuravæske.\n"
        "Normalt store lymfeknuter i mediastinum og hili. Hjertet er normalt stort.\n"
        "Lett emfysem apikalt bilateralt. Skjelettet uten destruksjoner.\n"
        "\n"
        "Konklusjon: Ingen holdepunkt for malignitet. Lett apikalt emfysem.\n"
        "\n"
        "Signert: Per Åge Sæther, overlege radiologi\n"
    ) % (patient["name"], patient["born"], patient["fnr"])
    return text.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Resource builders
# ---------------------------------------------------------------------------------------------
def sha1_b64(data):
    return base64.b64encode(hashlib.sha1(data).digest()).decode("ascii")


def subject(fnr):
    return {"identifier": {"system": FNR, "value": fnr}}


def coding(system, code, display):
    return {"coding": [{"system": system, "code": code, "display": display}]}


def post(resource_type):
    return {"method": "POST", "url": resource_type}


AUTHORS = {
    "holm": {"id": "forfatter", "hpr": "9144897", "family": "Holm", "given": ["Ingrid", "Vatne"]},
    "saether": {"id": "forfatter", "hpr": "9231618", "family": "Sæther", "given": ["Per", "Åge"]},
}


def contained_authors(author_key):
    a = AUTHORS[author_key]
    practitioner = {
        "resourceType": "Practitioner",
        "id": a["id"],
        "identifier": [{"system": HPR, "value": a["hpr"]}],
        "name": [{"family": a["family"], "given": a["given"]}],
    }
    organization = {
        "resourceType": "Organization",
        "id": "organisasjon",
        "identifier": [{"system": ORGNR, "value": ORG_NR}],
        "name": ORG_NAME,
    }
    return [practitioner, organization], [{"reference": "#" + a["id"]}, {"reference": "#organisasjon"}]


class Doc:
    """One document: a DocumentReference plus its Binary."""

    def __init__(self, key, patient, oid_no, category, type_code, content_type, data, title,
                 created, registered, period, author="holm", setting=("1", "Indremedisin"),
                 relates_to=None):
        self.patient = patient
        self.data = data
        self.docref_url = fixed_uuid(key + "/DocumentReference")
        self.binary_url = fixed_uuid(key + "/Binary")
        self.master_identifier = {"system": RFC3986, "value": doc_oid(oid_no)}
        contained, author_refs = contained_authors(author)
        # MHD Comprehensive: the patient as the source system knows it (XDS sourcePatientId), contained.
        contained.append({"resourceType": "Patient", "id": "kildepasient",
                          "identifier": [{"system": FNR, "value": patient["fnr"]}]})
        self.docref = {
            "resourceType": "DocumentReference",
            "meta": {"profile": [PROFILE_DOCREF]},
            "contained": contained,
            "masterIdentifier": dict(self.master_identifier),
            "status": "current",
            "type": coding(V9602, type_code, TYPES[type_code]),
            "category": [coding(V9602, category, CATEGORIES[category])],
            "subject": subject(patient["fnr"]),
            "date": registered,
            "author": author_refs,
            "custodian": {"identifier": {"system": ORGNR, "value": ORG_NR}, "display": ORG_NAME},
            "securityLabel": [{"coding": [{"system": V9603, "code": "N", "display": "Normal"}]}],
            "content": [{
                "attachment": {
                    "contentType": content_type,
                    "language": "nb",
                    "url": self.binary_url,
                    "size": len(data),
                    "hash": sha1_b64(data),
                    "title": title,
                    "creation": created,
                },
                "format": {"system": FORMAT_CS, "code": FORMAT_CODE},
            }],
            "context": {
                "period": {"start": period[0], "end": period[1]},
                "facilityType": coding(V8655, "1", "Sykehus"),
                "practiceSetting": coding(V8451, setting[0], setting[1]),
                "sourcePatientInfo": {"reference": "#kildepasient"},
            },
        }
        if relates_to is not None:
            self.docref["relatesTo"] = [{"code": "replaces", "target": {"identifier": dict(relates_to)}}]
        self.binary = {
            "resourceType": "Binary",
            "contentType": content_type,
            "data": base64.b64encode(data).decode("ascii"),
        }

    def entries(self):
        return [
            {"fullUrl": self.docref_url, "resource": self.docref, "request": post("DocumentReference")},
            {"fullUrl": self.binary_url, "resource": self.binary, "request": post("Binary")},
        ]


def submission_set(key, patient, subset_no, docs, date, title):
    return {
        "fullUrl": fixed_uuid(key + "/SubmissionSet"),
        "resource": {
            "resourceType": "List",
            "meta": {"profile": [PROFILE_SUBSET]},
            "extension": [{
                "url": EXT_SOURCE_ID,
                "valueIdentifier": {"system": RFC3986, "value": SOURCE_ID},
            }, {
                # XDS contentTypeCode: what kind of submission this is
                "url": EXT_DESIGNATION_TYPE,
                "valueCodeableConcept": coding(SNOMED, "371531000", "Report of clinical encounter"),
            }],
            # MHD: the entryUUID identifier has use=official, the uniqueId (OID) use=usual.
            "identifier": [
                {"use": "official", "system": RFC3986, "value": fixed_uuid(key + "/SubmissionSet/entryUUID")},
                {"use": "usual", "system": RFC3986, "value": subset_oid(subset_no)},
            ],
            "status": "current",
            "mode": "working",
            "title": title,
            "code": {"coding": [{"system": CS_LIST_TYPES, "code": "submissionset"}]},
            "subject": subject(patient["fnr"]),
            "date": date,
            "entry": [{"item": {"reference": d.docref_url}} for d in docs],
        },
        "request": post("List"),
    }


def bundle(key, patient, subset_no, docs, date, title, extra_entries=()):
    entries = [submission_set(key, patient, subset_no, docs, date, title)]
    for d in docs:
        entries += d.entries()
    entries += list(extra_entries)
    return {
        "resourceType": "Bundle",
        "meta": {"profile": [PROFILE_BUNDLE]},
        "type": "transaction",
        "entry": entries,
    }


# ---------------------------------------------------------------------------------------------
# The valid bundles
# ---------------------------------------------------------------------------------------------
def epikrise_doc(key, oid_no, patient=PATIENT_A):
    return Doc(key, patient, oid_no, "A00-1", "A03-2", "application/pdf", pdf_epikrise(patient),
               "Epikrise, Avdeling for indremedisin", "2026-02-09T14:32:00+01:00",
               "2026-02-09T15:05:12+01:00", ("2026-02-02T10:15:00+01:00", "2026-02-09T13:00:00+01:00"))


def build_valid():
    out = {}

    epi = epikrise_doc("epikrise", 1001)
    out["epikrise.json"] = bundle("epikrise", PATIENT_A, 1001, [epi], "2026-02-09T15:05:12+01:00",
                                  "Epikrise fra Oslo universitetssykehus HF")

    pol = Doc("poliklinisk-epikrise", PATIENT_A, 1002, "A00-1", "A13-2", "application/pdf",
              pdf_poliklinisk(PATIENT_A), "Poliklinisk epikrise, Hjertemedisinsk poliklinikk",
              "2026-03-04T11:48:00+01:00", "2026-03-04T12:10:40+01:00",
              ("2026-03-04T10:30:00+01:00", "2026-03-04T11:15:00+01:00"))
    out["poliklinisk-epikrise.json"] = bundle("poliklinisk-epikrise", PATIENT_A, 1002, [pol],
                                              "2026-03-04T12:10:40+01:00", "Poliklinisk epikrise")

    rad = Doc("radiologisvar", PATIENT_B, 1003, "E00-1", "E01-2", "text/plain",
              txt_radiologi(PATIENT_B), "CT thorax med kontrast", "2026-03-17T13:02:00+01:00",
              "2026-03-17T13:20:05+01:00", ("2026-03-17T09:40:00+01:00", "2026-03-17T09:55:00+01:00"),
              author="saether")
    out["radiologisvar.json"] = bundle("radiologisvar", PATIENT_B, 1003, [rad],
                                       "2026-03-17T13:20:05+01:00", "Radiologisvar")

    # Seven years old: outside the five-year window of radiology (E00-1), so no health person sees it.
    old_rad = Doc("radiologisvar-2019", PATIENT_B, 1005, "E00-1", "E01-2", "text/plain",
                  txt_radiologi(PATIENT_B, "14.05.2019"), "CT thorax med kontrast", "2019-05-14T10:31:00+02:00",
                  "2019-05-14T10:45:12+02:00", ("2019-05-14T09:10:00+02:00", "2019-05-14T09:25:00+02:00"),
                  author="saether")
    out["radiologisvar-2019.json"] = bundle("radiologisvar-2019", PATIENT_B, 1005, [old_rad],
                                            "2026-11-30T08:00:00+01:00", "Radiologisvar fra 2019")

    new = Doc("epikrise-erstatning", PATIENT_A, 1004, "A00-1", "A03-2", "application/pdf",
              pdf_epikrise(PATIENT_A, corrected=True), "Epikrise, Avdeling for indremedisin (korrigert)",
              "2026-02-11T09:05:00+01:00", "2026-02-11T09:20:31+01:00",
              ("2026-02-02T10:15:00+01:00", "2026-02-09T13:00:00+01:00"),
              relates_to=epi.master_identifier)
    old = epi.master_identifier
    patch = {
        "fullUrl": fixed_uuid("epikrise-erstatning/Patch"),
        "resource": {
            "resourceType": "Parameters",
            "parameter": [{
                "name": "operation",
                "part": [
                    {"name": "type", "valueCode": "replace"},
                    {"name": "path", "valueString": "DocumentReference.status"},
                    {"name": "value", "valueCode": "superseded"},
                ],
            }],
        },
        "request": {"method": "PATCH", "url": "DocumentReference?identifier=%s|%s" % (old["system"], old["value"])},
    }
    out["epikrise-erstatning.json"] = bundle("epikrise-erstatning", PATIENT_A, 1004, [new],
                                             "2026-02-11T09:20:31+01:00", "Korrigert epikrise",
                                             extra_entries=[patch])
    return out, epi, new


# ---------------------------------------------------------------------------------------------
# The invalid bundles: a valid epikrise for patient A with fresh identifiers and ONE defect each
# ---------------------------------------------------------------------------------------------
def _docrefs(b):
    return [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == "DocumentReference"]


def build_invalid():
    out = {}
    counter = [2000]

    def base(name, patient=PATIENT_A):
        counter[0] += 1
        key = "invalid/" + name
        doc = epikrise_doc(key, counter[0], patient)
        return key, doc, bundle(key, patient, counter[0], [doc], "2026-02-09T15:05:12+01:00",
                                "Epikrise fra Oslo universitetssykehus HF")

    _, _, b = base("missing-profile")
    del b["meta"]
    out["missing-profile.json"] = b

    _, _, b = base("no-submissionset")
    b["entry"] = [e for e in b["entry"] if e["resource"]["resourceType"] != "List"]
    out["no-submissionset.json"] = b

    key, _, b = base("two-submissionsets")
    second = copy.deepcopy(b["entry"][0])
    second["fullUrl"] = fixed_uuid(key + "/SubmissionSet2")
    second["resource"]["identifier"] = [
        {"use": "official", "system": RFC3986, "value": fixed_uuid(key + "/SubmissionSet2/entryUUID")},
        {"use": "usual", "system": RFC3986, "value": subset_oid(2901)},
    ]
    b["entry"].insert(1, second)
    out["two-submissionsets.json"] = b

    _, _, b = base("missing-master-identifier")
    del _docrefs(b)[0]["masterIdentifier"]
    out["missing-master-identifier.json"] = b

    key, _, b = base("attachment-url-not-in-bundle")
    _docrefs(b)[0]["content"][0]["attachment"]["url"] = fixed_uuid(key + "/BinaryNotInBundle")
    out["attachment-url-not-in-bundle.json"] = b

    _, doc, b = base("hash-mismatch")
    _docrefs(b)[0]["content"][0]["attachment"]["hash"] = sha1_b64(doc.data + b"\n")
    out["hash-mismatch.json"] = b

    _, doc, b = base("size-mismatch")
    _docrefs(b)[0]["content"][0]["attachment"]["size"] = len(doc.data) + 17
    out["size-mismatch.json"] = b

    key, _, b = base("patient-mismatch")
    counter[0] += 1
    other = epikrise_doc(key + "/patient-b", counter[0], PATIENT_B)
    b["entry"][0]["resource"]["entry"].append({"item": {"reference": other.docref_url}})
    b["entry"] += other.entries()
    out["patient-mismatch.json"] = b

    _, _, b = base("invalid-fodselsnummer")
    good = PATIENT_A["fnr"]
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    assert not is_valid_fnr(bad)
    b["entry"][0]["resource"]["subject"]["identifier"]["value"] = bad
    _docrefs(b)[0]["subject"]["identifier"]["value"] = bad
    out["invalid-fodselsnummer.json"] = b

    _, _, b = base("type-not-under-category")
    _docrefs(b)[0]["type"] = coding(V9602, "E01-2", TYPES["E01-2"])
    out["type-not-under-category.json"] = b

    _, _, b = base("unknown-security-label")
    _docrefs(b)[0]["securityLabel"] = [{"coding": [{"system": V9603, "code": "FOO"}]}]
    out["unknown-security-label.json"] = b

    _, doc, b = base("inline-attachment-data")
    _docrefs(b)[0]["content"][0]["attachment"]["data"] = base64.b64encode(doc.data).decode("ascii")
    out["inline-attachment-data.json"] = b

    _, _, b = base("missing-submissionset-unique-id")
    b["entry"][0]["resource"]["identifier"] = [i for i in b["entry"][0]["resource"]["identifier"] if i["use"] != "usual"]
    out["missing-submissionset-unique-id.json"] = b

    _, _, b = base("dangling-contained-reference")
    d = _docrefs(b)[0]
    d["contained"] = [c for c in d["contained"] if c["id"] != "kildepasient"]
    out["dangling-contained-reference.json"] = b

    _, _, b = base("comprehensive-without-facility-type")
    del _docrefs(b)[0]["context"]["facilityType"]
    out["comprehensive-without-facility-type.json"] = b

    _, _, b = base("comprehensive-without-designation-type")
    ss = b["entry"][0]["resource"]
    ss["extension"] = [e for e in ss["extension"] if e["url"] != EXT_DESIGNATION_TYPE]
    out["comprehensive-without-designation-type.json"] = b

    return out


# ---------------------------------------------------------------------------------------------
def build_consents():
    """A citizen's sperring (POST [base]/Consent with the citizen's own token): patient A blocks a named health
    person, the dev GP of `make token ROLE=gp` (HPR 9144990), from all of A's documents."""
    block_person = {
        "resourceType": "Consent",
        "status": "active",
        "scope": coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
        "category": [coding("http://loinc.org", "59284-0", "Patient Consent")],
        "patient": subject(PATIENT_A["fnr"]),
        "dateTime": "2026-03-20T10:15:00+01:00",
        "policyRule": coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTOUT", "opt-out"),
        "provision": {
            "type": "deny",
            "actor": [{
                "role": coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRCP", "primary information recipient"),
                "reference": {"identifier": {"system": HPR, "value": "9144990"}, "display": "Navngitt helsepersonell"},
            }],
        },
    }
    return {"sperring-helsepersonell.json": block_person}


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    valid, epi, new = build_valid()
    invalid = build_invalid()
    for name, b in valid.items():
        write(os.path.join(HERE, name), b)
    for name, b in invalid.items():
        write(os.path.join(HERE, "invalid", name), b)
    for name, c in build_consents().items():
        write(os.path.join(HERE, name), c)
    print("patient A: %s %s" % (PATIENT_A["fnr"], PATIENT_A["name"]))
    print("patient B: %s %s" % (PATIENT_B["fnr"], PATIENT_B["name"]))
    print("epikrise.json masterIdentifier:            %s" % epi.master_identifier["value"])
    print("epikrise-erstatning.json masterIdentifier: %s" % new.master_identifier["value"])
    print("wrote %d valid and %d invalid bundles, %d Consent" % (len(valid), len(invalid), len(build_consents())))


if __name__ == "__main__":
    main()
