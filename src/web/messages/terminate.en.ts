import type { TerminateMessages } from './terminate.nl.js';

/** The texts of the page to stop a contract in English, same keys as terminate.nl.ts. Plain language (B1). */
export const terminateEn: TerminateMessages = {
  homeTitle: 'Do you want to stop your course?',
  homeText:
    'You can ask to end your contract with the school. For example when you have moved, are ill for a long time, or when your school no longer has the quality mark.',
  homeLink: 'Ask to end your contract',
  form: {
    title: 'End your contract with the school',
    intro:
      'Do you want to stop your civic integration course? Then fill in this form. You need your contract number. It is on your contract with the school. Filling in the form takes about 5 minutes.',
    nextTitle: 'What happens next?',
    next: [
      'We check your request. You get an email from us.',
      'When the contract ends, you get an email with the date and with the calculation of what you still have to pay.',
      'You only pay for the lessons until the day the contract ends. Has the school already received more money? Then that money goes back to your DUO loan. So you do not get the money yourself. Did the municipality pay, or did you pay yourself? Then it goes back to whoever paid.',
    ],
    contractLabel: 'Your contract number',
    contractHint: 'It is on your contract with the school. For example: C-2026-001.',
    searchLabel: 'Find your school by name or town',
    searchButton: 'Search',
    schoolLabel: 'Your school',
    schoolHint: 'Is your school not in the list? Then search by name or town first.',
    chooseSchool: 'Choose your school',
    noSchools: 'No school found. Search again with another word.',
    emailLabel: 'Your email address',
    emailHint: 'Fill in the email address that is on your contract. We send our email there.',
    groundLegend: 'Why do you want to stop?',
    grounds: {
      notice: 'I want to stop (give notice)',
      moved: 'I have moved',
      long_illness: 'I am ill for a long time',
      arbitration_vindicated: 'I was proved right in my complaint about the school',
      other_weighty_reason: 'I have another important reason',
      school_lost_quality_mark: 'My school no longer has the quality mark',
    },
    groundHints: {
      notice:
        'You may always stop. You then pay for 1 more month of lessons (the notice period). The course must last at least 3 months in total, that month included. You do not need to send proof.',
      moved:
        'You now live somewhere else. You do not pay a notice period. Send proof, such as your registration at the new address with the municipality.',
      long_illness:
        'You cannot go to the lessons for a long time. You do not pay a notice period. Send proof, such as a letter from your doctor.',
      arbitration_vindicated:
        'Blik op Werk decided that you were right in your complaint about the school. You do not pay a notice period. Fill in the reference of your complaint. Send proof, such as the letter with the decision.',
      other_weighty_reason:
        'Another reason why you really cannot go on, for example caring for a family member. Write down why. A supervisor at Blik op Werk decides. If it is approved, you do not pay a notice period. Send proof.',
      school_lost_quality_mark:
        'The school has lost its quality mark. Then you may stop without a notice period. You do not need to send proof.',
    },
    justificationLabel: 'Why can you not go on with the course?',
    justificationHint:
      'Only needed for another important reason. Write briefly what happened and why you must stop because of it (at most 2000 characters).',
    dateLabel: 'From which date do you want to stop?',
    dateHint:
      'Choose today or a later day. Giving notice? Then the contract ends 1 month after this date. Have you already moved or are you already ill? Then choose today.',
    complaintLabel: 'Reference of your complaint',
    complaintHint:
      'Only needed if you were proved right in your complaint about the school. The reference is in our emails, for example K-2026-000042.',
    noteLabel: 'Do you want to tell us anything else?',
    noteHint: 'For example your new address or how long you are ill.',
    fileLabel: 'Proof',
    fileHint:
      'Needed if you have moved, are ill for a long time or were proved right in your complaint. Send 1 file: a PDF or a photo (PNG or JPEG), of at most 5 MB. Do you not have the proof yet? Then send the request anyway. Send the proof later as a reply to our email. Without proof we cannot approve the request.',
    fileAgain: (name: string) =>
      `You had chosen the file "${name}". We do not keep it when the form comes back. Choose the file again.`,
    fileAgainNoName: 'We do not keep a chosen file when the form comes back. Choose the file again.',
    send: 'Send the request',
    errors: {
      contractNumber:
        'Fill in the contract number as it is on your contract. Only letters, digits and . _ / - are possible.',
      school: 'Choose your school.',
      ground: 'Choose why you want to stop.',
      justification: 'Write down why you cannot go on with the course (at most 2000 characters).',
      datePast: 'Choose today or a later day. A request counts from the day we receive it.',
      complaintReference: 'Fill in the reference of your complaint, for example K-2026-000042.',
      fileType:
        'We cannot use this file. Send a PDF, PNG or JPEG. We look at what is in the file, not at its name.',
      fileTooLarge: 'The file is too large. It may be at most 5 MB. Make the photo smaller or send a PDF.',
      fileEmpty: 'The file is empty. Choose another file.',
      oneFile: 'Send 1 file.',
      formTooLarge: 'The form is too large. A file may be at most 5 MB.',
    },
  },
  received: {
    title: 'We have received your request',
    email:
      'Were your contract number, school and email address right? Then you will get an email from us within a few minutes, at the email address on your contract. Also look in your junk mail (spam) folder.',
    noEmail:
      'Did you get no email within 1 day? Then check that your contract number and email address were right, and fill in the form again. Or call us:',
    nextTitle: 'What happens now?',
    evidenceLater:
      'For this reason we need proof. You did not send proof yet. Send the proof as a reply to our email, as a PDF or a photo (PNG or JPEG). Without proof we cannot approve the request.',
    evidenceSent: 'You sent a file as proof. A member of staff will look at it.',
    again: 'Make another request',
    toHome: 'Go to the home page',
  },
};
