// The scenarios, as (server, seed) → autocannon options. Ours and the baselines answer the same paths.
// `target`: the least ours/baseline req/s ratio we accept; `jsonTarget`: the same against the PG-JSON
// baseline (null: reported only); `json`: the PG-JSON baseline answers it too.
export const SCENARIOS = [
  { name: 'GET /me (auth + envelope)', kind: 'me', target: 0.5, baseline: 'constant', path: () => '/api/v1/me' },
  {
    name: 'retrieve conversation',
    kind: 'read',
    target: 0.85,
    json: true,
    jsonTarget: null,
    path: (s) => `/api/v1/conversations/${s.conversationId}`,
  },
  {
    name: 'list conversations ?status=open',
    kind: 'read',
    target: 0.85,
    json: true,
    jsonTarget: 0.6,
    path: () => '/api/v1/conversations?status=open&limit=20',
  },
  {
    name: 'list messages of a conversation',
    kind: 'read',
    target: 0.85,
    json: true,
    jsonTarget: null,
    path: (s) => `/api/v1/messages?conversation_id=${s.conversationId}`,
  },
  { name: 'list customers ?name=alex', kind: 'read', target: 0.85, path: () => '/api/v1/customers?name=alex&limit=10' },
  // Writes rotate over many rows: each reply locks its conversation, as a real inbox spreads replies.
  {
    name: 'create message',
    kind: 'write',
    target: 0.8,
    method: 'POST',
    path: () => '/api/v1/messages',
    body: (s, n) => ({
      message: { body: `bench reply ${n}`, conversation_id: s.writeConversationIds[n % s.writeConversationIds.length] },
    }),
  },
  // As the Papercups widget and dashboard start a chat: the conversation with its first message.
  {
    name: 'create conversation (with first message)',
    kind: 'write',
    target: 0.8,
    method: 'POST',
    path: () => '/api/v1/conversations',
    body: (s, n) => ({
      conversation: {
        customer_id: s.writeCustomerIds[n % s.writeCustomerIds.length],
        source: 'chat',
        status: 'open',
        message: { body: `bench conversation ${n}` },
      },
    }),
  },
];

export function autocannonOptions(scenario, baseUrl, seed, { connections, duration }) {
  const options = {
    url: baseUrl + scenario.path(seed),
    connections,
    duration,
    headers: { authorization: `Bearer ${seed.apiKey}`, 'content-type': 'application/json' },
  };
  if (scenario.method === 'POST') {
    let n = 0;
    options.requests = [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, body: JSON.stringify(scenario.body(seed, n++)) }),
      },
    ];
  }
  return options;
}
