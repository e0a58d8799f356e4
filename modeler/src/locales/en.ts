import type id from './id';

// English. Typed against the Indonesian messages so no key can go missing.
const en: typeof id = {
  app: {
    tagline: 'Public-service SOPs that run as software',
    skipToContent: 'Skip to main content',
    languageLabel: 'Language',
  },
  health: {
    heading: 'Service status',
    label: 'Alur server',
    checking: 'Checking…',
    ok: 'OK',
    unavailable: 'Not ready (database or Temporal not answering)',
    down: 'Not reachable',
    recheck: 'Check again',
  },
  track: {
    heading: 'Track your application',
    intro: 'Enter the tracking code you received when you submitted your application.',
    codeLabel: 'Tracking code',
    codeHint: 'Example: 7K2M-9XQD-4HRT',
    submit: 'Track',
    loading: 'Searching…',
    empty: 'Please enter a tracking code first.',
    notFound: 'No application found with code {code}. Please check your code.',
    error: 'The application cannot be loaded right now. Please try again later.',
    resultHeading: 'Tracking result',
    sop: 'Service',
    status: 'Status',
    startedAt: 'Submitted',
    currentSteps: 'Current steps',
    noCurrentSteps: 'No step is in progress.',
    history: 'History',
    noHistory: 'No step has finished yet.',
    endedAt: 'Finished',
    inProgress: 'in progress',
  },
  status: {
    running: 'In progress',
    active: 'In progress',
    completed: 'Completed',
    failed: 'Failed',
    terminated: 'Stopped',
    cancelled: 'Cancelled',
    canceled: 'Cancelled',
  },
  links: {
    heading: 'For developers',
    apiDocs: 'API documentation',
  },
};

export default en;
