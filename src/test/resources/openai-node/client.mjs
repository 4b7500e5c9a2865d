// Drives YunRAG's /v1 with the official openai npm client and prints what the client saw as one JSON object.
// Usage: node client.mjs <path to the installed openai package's index.mjs> <base URL ending in /v1> <question>
const [openaiModule, baseURL, question] = process.argv.slice(2);
const { default: OpenAI } = await import(openaiModule);
const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, timeout: 120_000 });
const messages = [{ role: 'user', content: question }];
const seen = {};

const completion = await client.chat.completions.create({ model: 'yunrag:default:extractive', messages });
seen.chat = {
  object: completion.object,
  content: completion.choices[0].message.content,
  finishReason: completion.choices[0].finish_reason,
  usage: completion.usage,
  citations: completion.choices[0].message.yunrag?.citations ?? null,
};

const stream = await client.chat.completions.create({
  model: 'yunrag', messages, stream: true, stream_options: { include_usage: true },
});
seen.stream = { chunks: 0, content: '', usage: null, citations: null, finishReason: null };
for await (const chunk of stream) {
  seen.stream.chunks++;
  const choice = chunk.choices[0];
  seen.stream.content += choice?.delta?.content ?? '';
  if (choice?.finish_reason) {
    seen.stream.finishReason = choice.finish_reason;
    seen.stream.citations = choice.delta?.yunrag?.citations ?? null;
  }
  if (chunk.usage) {
    seen.stream.usage = chunk.usage;
  }
}

seen.models = [];
for await (const model of client.models.list()) {
  seen.models.push(model.id);
}

try {
  await client.embeddings.create({ model: 'yunrag', input: question });
  seen.unknownPath = { thrown: false };
} catch (e) {
  seen.unknownPath = {
    thrown: true, errorClass: e.constructor.name, status: e.status, code: e.code, type: e.type, message: e.message,
  };
}

// a wrong method on a known path: the client's generic GET on the POST-only endpoint
try {
  await client.get('/chat/completions');
  seen.wrongMethod = { thrown: false };
} catch (e) {
  seen.wrongMethod = {
    thrown: true, errorClass: e.constructor.name, status: e.status, code: e.code, type: e.type, message: e.message,
  };
}

process.stdout.write(JSON.stringify(seen) + '\n');
