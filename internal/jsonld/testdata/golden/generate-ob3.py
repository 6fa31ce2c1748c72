import json, random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
def s():
    return random.choice(["plain", "Ünïcödé", "证书", "emoji 🎓", "tab\tnl\nbell\u0007", "quote\"back\\", "", " spaced ", "\u007f\u001f", "mixed 😀 العربية"])
def num():
    r = random.random()
    if r < 0.3:
        return random.choice([0, 1, -1, 3, 0.75, 1.5, 100.25, 1e20, 1e21, 123456789012345678, 2.5e-5, -0.0, 3.0, 7.125, 1e-6, 1.5e-6, 9.999999999999999e22, 5e-324, 1.7976931348623157e308])
    if r < 0.6:
        return random.uniform(-1e6, 1e6)
    if r < 0.8:
        return random.random() * 10 ** random.randint(-12, 30)
    return random.randint(-10**18, 10**18)
def maybe(p=0.5): return random.random() < p
def iri(): return random.choice(["https://example.edu/x/%d" % random.randint(1,9), "urn:uuid:%d" % random.randint(1,5), "did:example:%d" % random.randint(1,5)])
def profile():
    p = {"type": random.choice([["Profile"], "Profile"])}
    if maybe(0.7): p["id"] = iri()
    if maybe(): p["name"] = s()
    if maybe(0.3): p["email"] = "a@b.c"
    if maybe(0.3): p["address"] = {"type": ["Address"], "addressLocality": s()}
    if maybe(0.2): p["image"] = {"id": iri(), "type": "Image", "caption": s()}
    return p
def achievement():
    a = {"type": random.choice([["Achievement"], "Achievement"])}
    if maybe(0.8): a["id"] = iri()
    a["name"] = s()
    if maybe(): a["description"] = s()
    if maybe(): a["criteria"] = {"narrative": s()} if maybe() else {"id": iri()}
    if maybe(0.4): a["creditsAvailable"] = num()
    if maybe(0.4): a["tag"] = [s() for _ in range(random.randint(1, 3))]
    if maybe(0.3): a["achievementType"] = random.choice(["Badge", "Course", "Certificate"])
    if maybe(0.3): a["alignment"] = [{"type": ["Alignment"], "targetName": s(), "targetUrl": iri(), "targetType": "CFItem"}]
    if maybe(0.3): a["resultDescription"] = [{"id": iri(), "type": ["ResultDescription"], "name": s(), "resultType": "LetterGrade", "allowedValue": ["A", "B"]}]
    if maybe(0.2): a["endorsement"] = [credential(depth=1, kind="EndorsementCredential")]
    return a
def subject():
    c = {"type": random.choice([["AchievementSubject"], "AchievementSubject"])}
    if maybe(0.8): c["id"] = iri()
    c["achievement"] = achievement()
    if maybe(0.4): c["creditsEarned"] = num()
    if maybe(0.3): c["result"] = [{"type": ["Result"], "value": s(), "status": "Completed"}]
    if maybe(0.2): c["activityStartDate"] = "2023-01-01T00:00:00Z"
    return c
def credential(depth=0, kind="OpenBadgeCredential"):
    d = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]}
    if maybe(0.2): d["@context"].append("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json")
    if maybe(0.8): d["id"] = iri()
    d["type"] = ["VerifiableCredential", kind]
    d["issuer"] = profile() if maybe() else iri()
    d["validFrom"] = "2024-01-01T00:00:00Z"
    if maybe(): d["name"] = s()
    if kind == "EndorsementCredential":
        d["credentialSubject"] = {"id": iri(), "type": ["EndorsementSubject"], "endorsementComment": s()}
    else:
        d["credentialSubject"] = subject()
    if maybe(0.3): d["evidence"] = [{"id": iri(), "type": ["Evidence"], "narrative": s(), "name": s()}]
    if maybe(0.2): d["credentialStatus"] = {"id": iri(), "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": iri()}
    if depth == 0 and maybe(0.1): d["undefinedThing"] = s()
    if depth == 0 and maybe(0.05): d["credentialSubject"]["type"] = ["AchievementSubject", "MadeUp"]
    if depth == 0 and maybe(0.2): d["proof"] = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2024-01-01T00:00:00Z", "verificationMethod": iri(), "proofPurpose": "assertionMethod", "proofValue": "z123"}
    return d
json.dump([credential() for _ in range(N)], sys.stdout, ensure_ascii=False)
