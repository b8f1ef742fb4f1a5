/**
 * The part of libphonenumber the browser uses, as one module for phoneNumbers.ts to import lazily: importing the
 * package's namespace dynamically would keep all of its API in the chunk, these two keep only what they need.
 */
export { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
