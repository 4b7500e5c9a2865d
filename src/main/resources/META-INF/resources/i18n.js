// Interface text in Chinese and English. The language follows navigator.language until the user picks one, which is
// kept in localStorage. Keys are grouped by page; {name} placeholders are filled by t(key, {name: value}).

const MESSAGES = {
  zh: {
    'app.title': 'YunRAG 知识问答',
    'app.tagline': '有出处的文档问答',
    'tab.ask': '问答',
    'tab.documents': '文档',
    'tab.search': '检索测试',
    'tab.status': '状态',
    'mode.embedded': '内置模型',
    'mode.yunwang': '云网模型',
    'mode.title': '当前模式',
    'lang.switch': 'English',
    'common.collection': '知识库',
    'common.model': '模型',
    'common.loading': '加载中…',
    'common.error': '出错了',
    'common.none': '无',
    'common.close': '关闭',
    'common.page': '第 {page} 页',
    'common.pages': '第 {from}–{to} 页',
    'common.unknown': '未知',
    'ask.placeholder': '请输入问题，例如：女员工生育可以享受多少天产假？',
    'ask.send': '提问',
    'ask.stop': '停止',
    'ask.new': '新对话',
    'ask.empty': '向文档提问。回答中的每个 [n] 都可以点开，查看引用的原文。',
    'ask.you': '你',
    'ask.assistant': '回答',
    'ask.thinking': '检索中…',
    'ask.generating': '生成中…',
    'ask.reasoning': '推理过程',
    'ask.reasoningChars': '推理过程（{n} 字）',
    'ask.sources': '检索到的段落（{n}）',
    'ask.timings': '各阶段耗时',
    'ask.stage': '阶段',
    'ask.ms': '毫秒',
    'ask.usage': '词元用量',
    'ask.mode.extractive': '抽取式（原文摘句）',
    'ask.mode.generative': '生成式',
    'ask.warnings': '提示',
    'ask.stopped': '已停止。',
    'ask.followup': '追问会带上之前的对话。',
    'panel.title': '引用 [{n}]',
    'panel.source': '文件',
    'panel.page': '页码',
    'panel.heading': '章节',
    'panel.offsets': '位置',
    'panel.highlighted': '高亮部分为回答引用的句子。',
    'panel.whole': '回答引用了整段。',
    'docs.title': '文档',
    'docs.newCollection': '或新建知识库',
    'docs.refresh': '刷新',
    'docs.drop': '把文件拖到这里，或点击选择（可多选）',
    'docs.uploading': '上传中 {percent}%',
    'docs.ingesting': '上传完成，正在解析与建立索引…',
    'docs.report': '上次上传：新增 {added}，更新 {updated}，未变 {unchanged}，失败 {failed}；{chunks} 个片段，用时 {seconds} 秒',
    'docs.failed': '导入失败的文件',
    'docs.col.title': '标题 / 文件',
    'docs.col.type': '类型',
    'docs.col.pages': '页数',
    'docs.col.chunks': '片段',
    'docs.col.size': '大小',
    'docs.col.ingested': '导入时间',
    'docs.col.actions': '操作',
    'docs.chunks': '片段',
    'docs.reingest': '重新导入',
    'docs.delete': '删除',
    'docs.confirmDelete': '确定删除“{name}”及其全部片段？',
    'docs.empty': '这个知识库还没有文档。',
    'docs.noCollections': '还没有知识库：上传文件会新建一个。',
    'docs.chunkBrowser': '片段浏览：{name}',
    'docs.chunk': '片段 #{n}',
    'search.placeholder': '输入检索词或问题',
    'search.run': '检索',
    'search.topK': '返回条数',
    'search.explain': '每段的 BM25、向量、融合（RRF）与重排名次和分数并列显示，可以看出它为何胜出。',
    'search.reranker': '重排模型：{name}',
    'search.col.rank': '#',
    'search.col.passage': '段落',
    'search.col.bm25': 'BM25',
    'search.col.vector': '向量',
    'search.col.fused': '融合',
    'search.col.rerank': '重排',
    'search.none': '没有检索到段落。',
    'status.title': '运行状态',
    'status.mode': '模式',
    'status.api': '云网 API',
    'status.dataDir': '数据目录',
    'status.version': '版本',
    'status.defaultCollection': '默认知识库',
    'status.models': '在用模型',
    'status.col.role': '用途',
    'status.col.name': '模型',
    'status.col.location': '位置',
    'status.col.available': '可用',
    'status.col.dimension': '维度',
    'status.col.detail': '说明',
    'status.role.embedding': '向量化',
    'status.role.reranker': '重排',
    'status.role.answer': '回答',
    'status.yes': '可用',
    'status.no': '不可达',
    'status.collections': '知识库与索引',
    'status.col.documents': '文档',
    'status.col.chunks': '片段',
    'status.col.size': '索引大小',
    'status.col.embedding': '向量模型',
    'status.col.analyzer': '分词器',
  },
  en: {
    'app.title': 'YunRAG',
    'app.tagline': 'Answers from your documents, every claim cited',
    'tab.ask': 'Ask',
    'tab.documents': 'Documents',
    'tab.search': 'Retrieval test',
    'tab.status': 'Status',
    'mode.embedded': 'Embedded models',
    'mode.yunwang': '云网 models',
    'mode.title': 'Current mode',
    'lang.switch': '中文',
    'common.collection': 'Collection',
    'common.model': 'Model',
    'common.loading': 'Loading…',
    'common.error': 'Error',
    'common.none': 'none',
    'common.close': 'Close',
    'common.page': 'page {page}',
    'common.pages': 'pages {from}–{to}',
    'common.unknown': 'unknown',
    'ask.placeholder': 'Ask a question, e.g. How many days of annual leave do new employees get?',
    'ask.send': 'Ask',
    'ask.stop': 'Stop',
    'ask.new': 'New conversation',
    'ask.empty': 'Ask your documents. Every [n] in an answer opens the passage it cites.',
    'ask.you': 'You',
    'ask.assistant': 'Answer',
    'ask.thinking': 'Retrieving…',
    'ask.generating': 'Writing…',
    'ask.reasoning': 'Reasoning',
    'ask.reasoningChars': 'Reasoning ({n} characters)',
    'ask.sources': 'Retrieved passages ({n})',
    'ask.timings': 'Timings per stage',
    'ask.stage': 'Stage',
    'ask.ms': 'ms',
    'ask.usage': 'Token usage',
    'ask.mode.extractive': 'extractive (quoted sentences)',
    'ask.mode.generative': 'generative',
    'ask.warnings': 'Warnings',
    'ask.stopped': 'Stopped.',
    'ask.followup': 'Follow-up questions keep the conversation.',
    'panel.title': 'Citation [{n}]',
    'panel.source': 'File',
    'panel.page': 'Page',
    'panel.heading': 'Section',
    'panel.offsets': 'Characters',
    'panel.highlighted': 'The highlighted sentence is what the answer quotes.',
    'panel.whole': 'The answer cites the whole passage.',
    'docs.title': 'Documents',
    'docs.newCollection': 'or a new collection',
    'docs.refresh': 'Refresh',
    'docs.drop': 'Drop files here, or click to choose (several at once)',
    'docs.uploading': 'Uploading {percent}%',
    'docs.ingesting': 'Uploaded; parsing and indexing…',
    'docs.report': 'Last upload: {added} added, {updated} updated, {unchanged} unchanged, {failed} failed; {chunks} chunks in {seconds} s',
    'docs.failed': 'Files that failed',
    'docs.col.title': 'Title / file',
    'docs.col.type': 'Type',
    'docs.col.pages': 'Pages',
    'docs.col.chunks': 'Chunks',
    'docs.col.size': 'Size',
    'docs.col.ingested': 'Ingested',
    'docs.col.actions': 'Actions',
    'docs.chunks': 'Chunks',
    'docs.reingest': 'Re-ingest',
    'docs.delete': 'Delete',
    'docs.confirmDelete': 'Delete “{name}” and all its chunks?',
    'docs.empty': 'No documents in this collection yet.',
    'docs.noCollections': 'No collections yet: uploading files creates one.',
    'docs.chunkBrowser': 'Chunks of {name}',
    'docs.chunk': 'Chunk #{n}',
    'search.placeholder': 'Search terms or a question',
    'search.run': 'Search',
    'search.topK': 'Results',
    'search.explain': 'Each passage’s BM25, vector, fused (RRF) and rerank ranks and scores side by side: why it won.',
    'search.reranker': 'Reranker: {name}',
    'search.col.rank': '#',
    'search.col.passage': 'Passage',
    'search.col.bm25': 'BM25',
    'search.col.vector': 'Vector',
    'search.col.fused': 'Fused',
    'search.col.rerank': 'Rerank',
    'search.none': 'No passages found.',
    'status.title': 'Status',
    'status.mode': 'Mode',
    'status.api': '云网 API',
    'status.dataDir': 'Data directory',
    'status.version': 'Version',
    'status.defaultCollection': 'Default collection',
    'status.models': 'Models in use',
    'status.col.role': 'Role',
    'status.col.name': 'Model',
    'status.col.location': 'Where',
    'status.col.available': 'Available',
    'status.col.dimension': 'Dimension',
    'status.col.detail': 'Detail',
    'status.role.embedding': 'Embedding',
    'status.role.reranker': 'Reranker',
    'status.role.answer': 'Answer',
    'status.yes': 'yes',
    'status.no': 'unreachable',
    'status.collections': 'Collections and indexes',
    'status.col.documents': 'Documents',
    'status.col.chunks': 'Chunks',
    'status.col.size': 'Index size',
    'status.col.embedding': 'Embedding model',
    'status.col.analyzer': 'Analyzer',
  },
};

const STORAGE_KEY = 'yunrag.lang';

function initialLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && MESSAGES[saved]) {
    return saved;
  }
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let current = initialLanguage();
const listeners = [];

export function lang() {
  return current;
}

export function setLang(code) {
  if (!MESSAGES[code] || code === current) {
    return;
  }
  current = code;
  localStorage.setItem(STORAGE_KEY, code);
  applyStatic(document);
  listeners.forEach((listener) => listener(code));
}

export function onLangChange(listener) {
  listeners.push(listener);
}

/** The text for key in the current language (English, then the key itself, when missing). */
export function t(key, vars = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** Fills elements marked data-i18n (text) and data-i18n-placeholder / data-i18n-title (attributes). */
export function applyStatic(root) {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}
