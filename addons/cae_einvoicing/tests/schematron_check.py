"""Run compiled schematrons (XSLT) on an XML with Saxon, outside Odoo.

Usage: python3 schematron_check.py XSLT [XSLT...] < invoice.xml
Prints {xslt: [failed assertions and reports]} as JSON.

A process of its own: Saxon's GraalVM isolate reserves more address space
than the soft RLIMIT_AS that Odoo's server sets (limit_memory_hard), so the
caller starts it with the soft limit raised back to the hard one.
"""

import json
import sys

from lxml import etree
from saxonche import PySaxonProcessor

SVRL_NS = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


def main():
    xml = sys.stdin.buffer.read().decode("utf-8")
    result = {}
    with PySaxonProcessor(license=False) as processor:
        document = processor.parse_xml(xml_text=xml)
        for path in sys.argv[1:]:
            executable = processor.new_xslt30_processor().compile_stylesheet(
                stylesheet_file=path
            )
            svrl = etree.fromstring(
                executable.transform_to_string(xdm_node=document).encode("utf-8")
            )
            failures = []
            for node in svrl.xpath(
                "//svrl:failed-assert | //svrl:successful-report", namespaces=SVRL_NS
            ):
                if node.get("flag") in ("information", "info"):
                    continue
                text = " ".join("".join(node.itertext()).split())
                failures.append(
                    f"{node.get('id') or ''} {node.get('location')}: {text}"
                )
            result[path] = failures
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
