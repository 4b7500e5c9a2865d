#!/usr/bin/env python3
"""Builds the scifact subset behind docs/evaluation.md's "Ranking by language" table (runs scifact-sub997-*):
the first N abstracts of shared/eval/scifact/corpus.jsonl (997 in those runs: the abstracts a full ingestion had
committed when it was stopped, which are the file's first 997) and the dev claims whose relevant abstracts are all
among them (183 claims, 187 qrels lines).

    python3 docs/eval-results/scifact-subset.py ../shared/eval/scifact 997 /tmp/i12l/sub/scifact

Nothing is copied into the repository. Source: SciFact (Wadden et al., EMNLP 2020) in the BEIR construction, as
normalised in shared/eval (its README); licences: claims CC BY 4.0, abstracts ODC-By 1.0. The subset is a derived
data set under the same licences and attribution; only the figures computed on it are published here.
"""
import json, os, sys

def main(scifact_dir, count, out):
    with open(f'{scifact_dir}/corpus.jsonl', encoding='utf-8') as f:
        corpus = [line for line in f if line.strip()][:count]
    kept = {json.loads(line)['id'] for line in corpus}
    relevant = {}
    with open(f'{scifact_dir}/qrels-dev.tsv', encoding='utf-8') as f:
        qrels = [line for line in f if line.strip()]
    for line in qrels:
        query, doc = line.rstrip('\n').split('\t')[:2]
        relevant.setdefault(query, set()).add(doc)
    claims = {q for q, docs in relevant.items() if docs <= kept}
    os.makedirs(out, exist_ok=True)
    with open(f'{out}/corpus.jsonl', 'w', encoding='utf-8') as f:
        f.writelines(corpus)
    with open(f'{scifact_dir}/queries-dev.jsonl', encoding='utf-8') as f, \
            open(f'{out}/queries-dev.jsonl', 'w', encoding='utf-8') as w:
        w.writelines(line for line in f if line.strip() and json.loads(line)['id'] in claims)
    with open(f'{out}/qrels-dev.tsv', 'w', encoding='utf-8') as f:
        f.writelines(line for line in qrels if line.split('\t')[0] in claims)
    print(f'{len(corpus)} abstracts, {len(claims)} claims')

if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
