// Chapter links on the audio page: with JavaScript they move the player to the chapter and play it; without, they
// open the MP3 at that time (a media fragment, #t=seconds), so the page works either way.
document.querySelectorAll('[data-seek]').forEach((link) => {
  link.addEventListener('click', (event) => {
    const player = document.querySelector('audio.player');
    if (!player) return;
    event.preventDefault();
    player.currentTime = Number(link.getAttribute('data-seek'));
    void player.play();
    player.focus();
  });
});
