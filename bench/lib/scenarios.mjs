// The scenarios, as (server, seed) → autocannon options. Ours and the baseline answer the same paths.
export const SCENARIOS = [
  { name: 'GET /me (auth + envelope)', kind: 'me', target: 0.5, baseline: 'constant', path: () => '/api/v1/me' },
  {
    name: 'retrieve conversation',
    kind: 'read',
    target: 0.7,
    path: (s) => `/api/v1/conversations/${s.conversationId}`,
  },
  {
    name: 'list conversations ?status=open',
    kind: 'read',
    target: 0.7,
    path: () => '/api/v1/conversations?status=open&limit=20',
  },
  {
    name: 'list messages of a conversation',
    kind: 'read',
    target: 0.7,
    path: (s) => `/api/v1/messages?conversation_id=${s.conversationId}`,
  },
  { name: 'list customers ?name=alex', kind: 'read', target: 0.7, path: () => '/api/v1/customers?name=alex&limit=10' },
  { name: 'create message', kind: 'write', target: 0.6, method: 'POST', path: () => '/api/v1/messages' },
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
    const ids = seed.writeConversationIds;
    // Rotate over many conversations: each write locks its conversation row, as a real inbox spreads replies.
    options.requests = [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ message: { body: `bench reply ${n}`, conversation_id: ids[n++ % ids.length] } }),
        }),
      },
    ];
  }
  return options;
}
