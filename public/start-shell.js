/* global System -- SystemJS, loaded by index.html just before this script */
// Loads the root config through SystemJS; a failure (a module missing from the build, a bad import map)
// is shown on the page instead of only in the console.
System.import('@switchboard/root-config').catch(function (error) {
  var message = document.createElement('p');
  message.className = 'shell-error';
  message.setAttribute('role', 'alert');
  message.textContent = 'The demo shell could not start: ' + (error && error.message ? error.message : String(error));
  document.querySelector('main').prepend(message);
  throw error;
});
