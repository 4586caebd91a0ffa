// Offers a page's tables as spreadsheets, made here in the browser from the
// data the page holds (<script type="application/json" id="export-…">):
// each sheet as a CSV file, and all of them as one workbook (.xlsx), with
// the header row and the naming columns frozen and levels coloured as on
// the page. Nothing is fetched: a private page's data never leaves the
// page in the clear.
(function () {
  'use strict';

  function csvField(v) {
    var s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // csv is a sheet as CSV: UTF-8 with a byte order mark, so that
  // spreadsheet programs read its accents, and CRLF line ends.
  function csv(sheet) {
    var lines = [sheet.header.map(csvField).join(',')];
    var rows = sheet.rows || [];
    for (var i = 0; i < rows.length; i++) {
      lines.push(rows[i].map(csvField).join(','));
    }
    return new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
  }

  function xml(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    }).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  }

  // column is the letters of the column at index i, from 0: A, B, …, AA.
  function column(i) {
    var s = '';
    for (i++; i > 0; i = Math.floor((i - 1) / 26)) {
      s = String.fromCharCode(65 + (i - 1) % 26) + s;
    }
    return s;
  }

  // The styles: 0 plain, 1 bold for the header, then one per level of the
  // scale, its fill and the colour of its text.
  function styles(data) {
    var fonts = '<font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>';
    var fills = '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>';
    var xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/>';
    for (var i = 0; i < data.colours.length; i++) {
      var bg = data.colours[i][0].slice(1).toUpperCase();
      var fg = data.colours[i][1].slice(1).toUpperCase();
      fonts += '<font><sz val="11"/><color rgb="FF' + fg + '"/><name val="Calibri"/></font>';
      fills += '<fill><patternFill patternType="solid"><fgColor rgb="FF' + bg + '"/><bgColor indexed="64"/></patternFill></fill>';
      xfs += '<xf numFmtId="0" fontId="' + (2 + i) + '" fillId="' + (2 + i) + '" borderId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center"/></xf>';
    }
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="' + (2 + data.colours.length) + '">' + fonts + '</fonts>' +
      '<fills count="' + (2 + data.colours.length) + '">' + fills + '</fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="' + (2 + data.colours.length) + '">' + xfs + '</cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  }

  function cell(ref, v, style) {
    if (v === null || v === undefined || v === '') {
      return '';
    }
    var s = style ? ' s="' + style + '"' : '';
    if (typeof v === 'number') {
      return '<c r="' + ref + '"' + s + '><v>' + v + '</v></c>';
    }
    return '<c r="' + ref + '" t="inlineStr"' + s + '><is><t xml:space="preserve">' + xml(v) + '</t></is></c>';
  }

  function worksheet(data, sheet) {
    var fixed = column(sheet.fixed) + '2';
    var pane = sheet.fixed > 0 ?
      '<pane xSplit="' + sheet.fixed + '" ySplit="1" topLeftCell="' + fixed + '" activePane="bottomRight" state="frozen"/>' :
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>';
    var rows = '<row r="1">';
    for (var c = 0; c < sheet.header.length; c++) {
      rows += cell(column(c) + '1', sheet.header[c], 1);
    }
    rows += '</row>';
    var data2 = sheet.rows || [];
    for (var r = 0; r < data2.length; r++) {
      var row = data2[r];
      rows += '<row r="' + (r + 2) + '">';
      for (c = 0; c < row.length; c++) {
        var style = 0;
        if (sheet.levels && c >= sheet.fixed && typeof row[c] === 'number') {
          var k = data.levels.indexOf(row[c]);
          style = k < 0 ? 0 : 2 + k;
        }
        rows += cell(column(c) + (r + 2), row[c], style);
      }
      rows += '</row>';
    }
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<sheetViews><sheetView workbookViewId="0">' + pane + '</sheetView></sheetViews>' +
      '<sheetData>' + rows + '</sheetData></worksheet>';
  }

  // sheetName is a name a workbook takes: at most 31 characters, none of
  // []:*?/\.
  function sheetName(name) {
    return name.replace(/[\[\]:*?\/\\]/g, ' ').slice(0, 31);
  }

  function workbook(data) {
    var files = [];
    var overrides = '';
    var sheets = '';
    var rels = '';
    for (var i = 0; i < data.sheets.length; i++) {
      var n = i + 1;
      files.push(['xl/worksheets/sheet' + n + '.xml', worksheet(data, data.sheets[i])]);
      overrides += '<Override PartName="/xl/worksheets/sheet' + n + '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
      sheets += '<sheet name="' + xml(sheetName(data.sheets[i].name)) + '" sheetId="' + n + '" r:id="rId' + n + '"/>';
      rels += '<Relationship Id="rId' + n + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet' + n + '.xml"/>';
    }
    var head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    rels += '<Relationship Id="rId' + (data.sheets.length + 1) + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>';
    files.unshift(
      ['[Content_Types].xml', head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        overrides + '</Types>'],
      ['_rels/.rels', head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ['xl/workbook.xml', head + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets>' + sheets + '</sheets></workbook>'],
      ['xl/_rels/workbook.xml.rels', head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + '</Relationships>'],
      ['xl/styles.xml', styles(data)]
    );
    return zip(files).then(function (parts) {
      return new Blob(parts, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    });
  }

  var crcTable = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
  }

  // deflate compresses bytes as a zip entry holds them, where the browser
  // can (CompressionStream); it resolves to null where it cannot.
  function deflate(bytes) {
    if (typeof CompressionStream === 'undefined') {
      return Promise.resolve(null);
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); }, function () { return null; });
  }

  // zip puts files (names and texts) in a zip archive, each compressed
  // where the browser can and stored where it cannot, dated 1 January
  // 1980, so that the same data makes the same bytes. It resolves to the
  // archive's parts.
  function zip(files) {
    var enc = new TextEncoder();
    var bodies = files.map(function (f) { return enc.encode(f[1]); });
    return Promise.all(bodies.map(deflate)).then(function (packed) {
      var parts = [];
      var central = [];
      var offset = 0;
      function u16(n) { return [n & 0xff, (n >>> 8) & 0xff]; }
      function u32(n) { return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]; }
      for (var i = 0; i < files.length; i++) {
        var name = enc.encode(files[i][0]);
        var body = bodies[i];
        var data = packed[i] || body;
        var method = packed[i] ? 8 : 0;
        // version 20, flags: UTF-8 names; time 0, date 1980-01-01
        var common = [].concat(u16(20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc32(body)), u32(data.length), u32(body.length), u16(name.length), u16(0));
        var local = new Uint8Array([].concat([0x50, 0x4b, 0x03, 0x04], common));
        parts.push(local, name, data);
        central.push(new Uint8Array([].concat([0x50, 0x4b, 0x01, 0x02], u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset))), name);
        offset += local.length + name.length + data.length;
      }
      var size = 0;
      for (i = 0; i < central.length; i++) {
        size += central[i].length;
      }
      var end = new Uint8Array([].concat([0x50, 0x4b, 0x05, 0x06], u16(0), u16(0), u16(files.length), u16(files.length), u32(size), u32(offset), u16(0)));
      return parts.concat(central, [end]);
    });
  }

  // matrixSheets lays out a skills matrix (see exportMatrix in package
  // render) as sheets: its levels, targets and shortfalls, a sheet each,
  // and a list of all three, a row per standing.
  function matrixSheets(m) {
    var header = m.header.concat(m.columns);
    var wide = [[], [], []];
    for (var i = 0; i < m.rows.length; i++) {
      for (var k = 0; k < 3; k++) {
        var row = m.rows[i].slice();
        for (var j = 0; j < m.columns.length; j++) {
          row.push(null);
        }
        wide[k].push(row);
      }
    }
    var list = [];
    for (var c = 0; c < m.cells.length; c += 5) {
      var r = m.cells[c];
      var values = [];
      for (k = 0; k < 3; k++) {
        var v = m.cells[c + 2 + k];
        values.push(v < 0 ? null : v);
        wide[k][r][m.header.length + m.cells[c + 1]] = v < 0 ? null : v;
      }
      list.push(m.rows[r].concat([m.columns[m.cells[c + 1]]], values));
    }
    var fixed = m.header.length;
    return [
      { name: m.sheets[0], fixed: fixed, header: header, rows: wide[0], levels: true },
      { name: m.sheets[1], fixed: fixed, header: header, rows: wide[1], levels: true },
      { name: m.sheets[2], fixed: fixed, header: header, rows: wide[2], levels: false },
      { name: m.sheets[3], fixed: fixed, header: m.header.concat(['Competency', 'Level', 'Target', 'Shortfall']), rows: list, levels: false }
    ];
  }

  function parse(source) {
    var data = JSON.parse(source.textContent);
    if (data.matrix) {
      data.sheets = matrixSheets(data.matrix).concat(data.sheets || []);
    }
    return data;
  }

  // file resolves to the Blob and the name of an export: format csv (of
  // sheet index sheet) or xlsx.
  function file(data, format, sheet) {
    if (format === 'xlsx') {
      return workbook(data).then(function (blob) { return { blob: blob, name: data.file + '.xlsx' }; });
    }
    var s = data.sheets[sheet];
    var name = data.sheets.length > 1 ? data.file + '-' + s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') : data.file;
    return Promise.resolve({ blob: csv(s), name: name + '.csv' });
  }

  function download(box, button) {
    var source = document.getElementById(box.getAttribute('data-export'));
    if (!source) {
      return;
    }
    file(parse(source), button.getAttribute('data-format'), +button.getAttribute('data-sheet') || 0).then(function (f) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(f.blob);
      a.download = f.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
  }

  // portalExport resolves to an export's file, without saving it, for
  // tests.
  window.portalExport = function (id, format, sheet) {
    return file(parse(document.getElementById(id)), format, sheet || 0);
  };

  function start() {
    var boxes = document.querySelectorAll('[data-export]');
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hidden) {
        continue;
      }
      boxes[i].hidden = false;
      boxes[i].addEventListener('click', function (e) {
        if (e.target.tagName === 'BUTTON') {
          download(e.currentTarget, e.target);
        }
      });
    }
  }

  // A private page puts its content in place once it has decrypted it.
  document.addEventListener('portal:content', start);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
