<?php
require 'util.php';
require __DIR__ . '/lib/deep.php';

echo says() . ' ' . twice(21) . "\n";
