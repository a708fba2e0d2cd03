import { z } from 'zod';

// The app runs under a CSP without 'unsafe-eval' (shared/src/http/security-headers.ts). Zod would
// probe `new Function` on its first parse to pick a faster path; the probe fails harmlessly but
// is reported as a policy violation each time. Imported first by index.tsx, before any parse.
z.config({ jitless: true });
