"""Runs SQL on current ClickHouse in-process (PyPI's chdb-core) for the tests.

One request per input line, one answer per output line, both JSON:
  in:  {"id": 1, "sql": "SELECT ..."}            (INSERT ... FORMAT JSONEachRow may carry its rows after the SQL)
  out: {"id": 1, "ok": true, "rows": [...]}      or {"id": 1, "ok": false, "error": "..."}
Rows are what JSONEachRow prints, with 64-bit integers quoted as ClickHouse 18.16 prints them.
Usage: python3 chdb_sql.py <data-dir>
"""
import json
import sys

from chdb.session import Session


def main() -> None:
    session = Session(sys.argv[1])
    session.query("SET output_format_json_quote_64bit_integers = 1")
    print(json.dumps({"ready": True, "version": str(session.query("SELECT version()", "TSVRaw")).strip()}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            text = str(session.query(request["sql"], "JSONEachRow"))
            rows = [json.loads(row) for row in text.splitlines() if row.strip()]
            answer = {"id": request["id"], "ok": True, "rows": rows}
        except Exception as error:  # every failure goes back to the caller as text
            answer = {"id": request["id"], "ok": False, "error": str(error)}
        print(json.dumps(answer), flush=True)
    session.close()


if __name__ == "__main__":
    main()
