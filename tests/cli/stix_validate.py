# stix_validate.py BUNDLE: validates a STIX 2.1 bundle against the OASIS
# schemas in tests/schemas/stix2.1 (Draft 2020-12, python3-jsonschema):
# each object against its type's schema, the bundle against bundle.json,
# and every reference (source_ref, target_ref, object_refs) to an object of
# the bundle; prints "ok N" or the first errors. bundle.json lists no
# location, note or grouping among its objects and its branch for other
# types fails them (they match both core.json and
# cyber-observable-core.json, which it wants one of), so the bundle is
# checked with the objects of the types it lists, the others alone.
# Works with the referencing library (jsonschema 4.18 and later) and with
# RefResolver (Debian 12's 4.10).
import json
import os
import sys

import jsonschema

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "stix2.1")
store = {}
for folder in ("common", "sdos", "sros", "observables"):
    for name in os.listdir(os.path.join(ROOT, folder)):
        with open(os.path.join(ROOT, folder, name), encoding="utf-8") as f:
            schema = json.load(f)
        store[schema["$id"]] = schema
by_type = {s["title"]: s for s in store.values() if "title" in s}


validators = {}


def validator(title):
    if title not in validators:
        validators[title] = make_validator(by_type[title])
    return validators[title]


def make_validator(schema):
    cls = jsonschema.Draft202012Validator
    try:
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in store.items())
        return cls(schema, registry=registry)
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return cls(schema, resolver=resolver)


bundle = json.load(open(sys.argv[1], encoding="utf-8"))
listed = {r["$ref"].rsplit("/", 1)[1][:-5]
          for r in by_type["bundle"]["properties"]["objects"]["items"]["anyOf"][0]["oneOf"]}
envelope = dict(bundle, objects=[o for o in bundle.get("objects", []) if o["type"] in listed])
if not envelope["objects"]:
    del envelope["objects"]
errors = [e.message[:300] for e in validator("bundle").iter_errors(envelope)]
ids = {o["id"] for o in bundle.get("objects", [])}
for o in bundle.get("objects", []):
    errors += ["%s %s: %s" % (o.get("type"), o.get("id"), e.message[:300])
               for e in validator(o["type"]).iter_errors(o)]
    refs = [o[k] for k in ("source_ref", "target_ref") if k in o] + o.get("object_refs", [])
    errors += ["%s: %s is not in the bundle" % (o["id"], r) for r in refs if r not in ids]
if len(ids) != len(bundle.get("objects", [])):
    errors.append("ids are not unique")
if errors:
    print("\n".join(errors[:10]))
    sys.exit(1)
print("ok", len(bundle["objects"]))
