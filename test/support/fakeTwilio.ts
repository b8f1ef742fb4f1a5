/** Shared entry point for the Twilio SDK and media test doubles (defined in test/voice/fakes). */
export * from '../voice/fakes/fakeTwilio';
