#!/usr/bin/env python3
"""Builds the dev and held-out question sets of issue 12's answer-quality work from shared/eval (nothing is copied
into the repository: the sets are CC BY-SA 4.0, xquad-zh and xquad-en by Artetxe et al. 2020, cmrc2018 by Cui et al. 2019).

    python3 docs/eval-results/i12-dev-sets.py ../shared/eval /tmp/i12b

writes into OUT:
  slices/xquad-zh-0-200.jsonl, slices/xquad-zh-200-408.jsonl, slices/cmrc2018-0-200.jsonl,
  slices/cmrc2018-400-600.jsonl: consecutive dev questions; the first of each set are the dev (tuning) part, the
  others held out;
  xquad-zh-minus/: a near-topic dataset: xquad-zh with three of each article's five paragraphs removed (the 2nd, 3rd
  and 4th; the first and last keep the article's topic in the corpus); queries-dev.jsonl / queries-heldout.jsonl are
  the questions on kept paragraphs, qrels-dev.tsv their relevance;
  slices/near-dev.jsonl, slices/near-heldout.jsonl: questions written from a removed paragraph whose reference answers
  occur nowhere in the kept corpus (normalised as AnswerNormalizer does): unanswerable, on the topic of the corpus.
Dev = the first articles holding about half of the near-topic questions; held-out = the other articles.
The same is built from xquad-en (the same articles in English, CC BY-SA 4.0, Artetxe et al. 2020): xquad-en-minus/
and slices/near-en-dev.jsonl, slices/near-en-heldout.jsonl, the English near-topic set (issue 12, third round).
"""
import collections, json, os, sys, unicodedata

def read(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f]

def write(path, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + '\n')

def normalise(text):
    text = unicodedata.normalize('NFKC', text).lower()
    return ''.join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith('P'))

def main(eval_dir, out):
    os.makedirs(f'{out}/slices', exist_ok=True)
    for name, ranges in (('xquad-zh', [(0, 200), (200, 408)]), ('cmrc2018', [(0, 200), (400, 600)])):
        queries = read(f'{eval_dir}/{name}/queries-dev.jsonl')
        for a, b in ranges:
            write(f'{out}/slices/{name}-{a}-{b}.jsonl', queries[a:b])

    near_topic(eval_dir, out, 'xquad-zh', '')
    near_topic(eval_dir, out, 'xquad-en', '-en')

def near_topic(eval_dir, out, name, suffix):
    corpus = read(f'{eval_dir}/{name}/corpus.jsonl')
    queries = read(f'{eval_dir}/{name}/queries-dev.jsonl')
    qrels = collections.defaultdict(list)
    with open(f'{eval_dir}/{name}/qrels-dev.tsv', encoding='utf-8') as f:
        for line in f:
            query, doc, _ = line.rstrip('\n').split('\t')
            qrels[query].append(doc)
    by_title = collections.OrderedDict()
    for doc in corpus:
        by_title.setdefault(doc['title'], []).append(doc['id'])
    titles = list(by_title)
    removed = {ids[k] for ids in by_title.values() for k in (1, 2, 3) if k < len(ids)}
    kept = [d for d in corpus if d['id'] not in removed]
    kept_text = [normalise(d['title'] + d['text']) for d in kept]
    title_of = {d['id']: d['title'] for d in corpus}
    answerable, unanswerable = [], []
    for q in queries:
        docs = qrels[q['id']]
        article = titles.index(title_of[docs[0]])
        if not any(d in removed for d in docs):
            answerable.append((article, q))
        elif not any(normalise(a) and normalise(a) in t for a in q['answers'] for t in kept_text):
            unanswerable.append((article, q))
    counts = collections.Counter(article for article, _ in unanswerable)
    split, held = 0, 0
    while held < len(unanswerable) / 2:
        held += counts[split]
        split += 1
    os.makedirs(f'{out}/{name}-minus', exist_ok=True)
    write(f'{out}/{name}-minus/corpus.jsonl', kept)
    write(f'{out}/{name}-minus/queries-dev.jsonl', [q for a, q in answerable if a < split])
    write(f'{out}/{name}-minus/queries-heldout.jsonl', [q for a, q in answerable if a >= split])
    with open(f'{out}/{name}-minus/qrels-dev.tsv', 'w', encoding='utf-8') as f:
        for _, q in answerable:
            for doc in qrels[q['id']]:
                f.write(f"{q['id']}\t{doc}\t1\n")
    write(f'{out}/slices/near{suffix}-dev.jsonl', [q for a, q in unanswerable if a < split])
    write(f'{out}/slices/near{suffix}-heldout.jsonl', [q for a, q in unanswerable if a >= split])
    print(f'{name}: kept {len(kept)} paragraphs, removed {len(removed)}; answerable dev/held-out '
          f'{sum(a < split for a, _ in answerable)}/{sum(a >= split for a, _ in answerable)}; near-topic unanswerable '
          f'dev/held-out {sum(a < split for a, _ in unanswerable)}/{sum(a >= split for a, _ in unanswerable)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
