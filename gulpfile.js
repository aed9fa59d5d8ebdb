// Copies node and credential icons (and shared brand icons) into dist/, next to the compiled files that name them.
const { src, dest, parallel } = require('gulp');

function nodeIcons() {
	return src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
}

function credentialIcons() {
	return src('credentials/**/*.{png,svg}').pipe(dest('dist/credentials'));
}

function sharedIcons() {
	return src('icons/**/*.{png,svg}').pipe(dest('dist/icons'));
}

exports['build:icons'] = parallel(nodeIcons, credentialIcons, sharedIcons);
